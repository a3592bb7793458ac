/**
 * `soteria-lab demo` (`npm start`) = `report --preset quick` (DESIGN.md), preceded by the quick
 * sanity steps that say what the stack does (backend, MNIST, LeNet, one DLG objective with its
 * double-backprop gradients checked against a finite difference). Writes
 * `<outDir>/index.html`, `<outDir>/results.json` and `<outDir>/demo.json`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { disposeParams, tf } from '../tensor/index.js';
import type { BackendName } from '../tensor/index.js';
import { backendStep, dataStep, dlgStep, modelStep, type DemoStep } from './demoSteps.js';
import type { CellRecord } from './report/cellRecord.js';
import { runReport, type ReportRunResult } from './report/runReport.js';

export type { DemoStep } from './demoSteps.js';

/** MNIST test images the sanity steps load and classify. */
const SANITY_IMAGES = 100;

/** Options of `runDemo`. */
export interface DemoOptions {
  /** Report preset. @default 'quick' (CLI) */
  readonly preset: string;
  readonly outDir: string;
  readonly workers: number;
  readonly dataDir?: string;
  readonly seed: number;
  readonly backend: BackendName;
  /** The user's command-line arguments, for provenance. */
  readonly argv: readonly string[];
  /** Progress lines (stderr). */
  readonly log: (message: string) => void;
  readonly onCell?: (done: number, total: number, record: CellRecord) => void;
}

/** The demo's result, also written to `<outDir>/demo.json`. */
export interface DemoResult {
  readonly command: 'demo';
  readonly steps: readonly DemoStep[];
  /** Tensors alive after the sanity steps minus before them (0 = no leak). */
  readonly leakedTensors: number;
  readonly report: ReportRunResult;
  /** Absolute path of demo.json. */
  readonly outFile: string;
}

/**
 * Run the sanity steps, then the report sweep, and write demo.json.
 * @param options - see `DemoOptions`.
 * @returns the result (plain JSON data).
 */
export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const steps: DemoStep[] = [];
  const record = <T>(outcome: { report: DemoStep; value: T }): T => {
    steps.push(outcome.report);
    options.log(`demo: ${outcome.report.step}: ${outcome.report.did} (${outcome.report.ms} ms)`);
    return outcome.value;
  };
  record(await backendStep(options.backend));
  const tensorsBefore = tf.memory().numTensors;
  const data = record(await dataStep(SANITY_IMAGES));
  const { model, params } = record(await modelStep(data, options.seed));
  try {
    record(await dlgStep(data, model, params, options.seed));
  } finally {
    disposeParams(params);
  }
  const leakedTensors = tf.memory().numTensors - tensorsBefore;
  const report = await runReport({
    preset: options.preset, outDir: options.outDir, workers: options.workers, backend: options.backend, seed: options.seed, argv: options.argv, log: options.log,
    ...(options.dataDir !== undefined ? { dataDir: options.dataDir } : {}), ...(options.onCell !== undefined ? { onCell: options.onCell } : {}),
  });
  const outFile = resolve(join(options.outDir, 'demo.json'));
  const result: DemoResult = { command: 'demo', steps, leakedTensors, report, outFile };
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(outFile, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
