/**
 * `soteria-lab demo`: runs what exists of the pipeline end to end on a small setting and says
 * what it did, step by step, with measured figures; writes `<outDir>/demo.json` with provenance.
 * (DESIGN.md's full demo = `report --preset quick`; steps are added here as the layers land.)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { disposeParams, tf } from '../tensor/index.js';
import type { BackendName } from '../tensor/index.js';
import { backendStep, dataStep, dlgStep, modelStep, type DemoStep } from './demoSteps.js';
import { checkStep, trainStep } from './demoPipelineSteps.js';
import { makeProvenance, type Provenance } from './provenance.js';

export type { DemoStep } from './demoSteps.js';

/** Options of `runDemo`. */
export interface DemoOptions {
  /** Number of MNIST test images to load and classify. */
  readonly images: number;
  /** FedAvg rounds of each demo training. @default 5 (CLI) */
  readonly rounds: number;
  /** Cases per family of the demo's theory checks. @default 20 (CLI) */
  readonly checkSamples: number;
  /** Output directory. */
  readonly outDir: string;
  readonly seed: number;
  readonly backend: BackendName;
  /** The user's command-line arguments, for provenance. */
  readonly argv: readonly string[];
  /** Progress lines (stderr). */
  readonly log: (message: string) => void;
}

/** The demo's result, also written to `<outDir>/demo.json`. */
export interface DemoResult {
  readonly command: 'demo';
  readonly config: { readonly images: number; readonly model: 'lenetDlg'; readonly dataset: 'mnist'; readonly rounds: number; readonly checkSamples: number };
  readonly steps: readonly DemoStep[];
  /** Tensors alive after the demo minus before it (0 = no leak). */
  readonly leakedTensors: number;
  /** Absolute path of the JSON file written. */
  readonly outFile: string;
  readonly provenance: Provenance;
}

/**
 * Runs the demo steps in order (backend, data, model, DLG objective, FL training, theory checks)
 * and writes the result.
 * @param options - see `DemoOptions`.
 * @returns the result (plain JSON data).
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const startedAt = new Date();
  const config = { images: options.images, model: 'lenetDlg', dataset: 'mnist', rounds: options.rounds, checkSamples: options.checkSamples } as const;
  const steps: DemoStep[] = [];
  const record = <T>(outcome: { report: DemoStep; value: T }): T => {
    steps.push(outcome.report);
    options.log(`demo: ${outcome.report.step}: ${outcome.report.did} (${outcome.report.ms} ms)`);
    return outcome.value;
  };
  const backend = record(await backendStep(options.backend));
  const tensorsBefore = tf.memory().numTensors;
  const data = record(await dataStep(options.images));
  const { model, params } = record(await modelStep(data, options.seed));
  try {
    record(await dlgStep(data, model, params, options.seed));
  } finally {
    disposeParams(params);
  }
  const later = [
    await trainStep({ rounds: options.rounds, seed: options.seed, backend: options.backend, outDir: options.outDir, log: options.log }),
    await checkStep({ samples: options.checkSamples, seed: options.seed }),
  ];
  for (const s of later) record({ report: s, value: null });
  const leakedTensors = tf.memory().numTensors - tensorsBefore;
  const provenance = makeProvenance({ argv: options.argv, seed: options.seed, backend, config, startedAt });
  const outFile = resolve(join(options.outDir, 'demo.json'));
  const result: DemoResult = { command: 'demo', config, steps, leakedTensors, outFile, provenance };
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
