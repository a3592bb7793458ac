/**
 * `soteria-lab attack` without the command line: load the image a resolved config names, build
 * the model, let the client compute and defend its update, run the attack on the wire-only
 * input, and score it against the truth (outside the attack). Writes nothing; see
 * `writeAttackOutputs` for the PNG and JSON files.
 */
import { makeModel } from '../sim/models/index.js';
import { initBackend } from '../tensor/index.js';
import type { BackendName } from '../tensor/index.js';
import type { AttackConfig } from './attackConfigSchema.js';
import type { AttackProgress, AttackRun, AttackRunResult } from './attackRunTypes.js';
import { dlgOutcome } from './dlgOutcome.js';
import { gsOutcome } from './gsOutcome.js';
import { loadAttackImage } from './loadAttackImage.js';
import { makeProvenance } from './provenance.js';

/** Options of `runAttackExperiment`. */
export interface RunAttackOptions {
  readonly config: AttackConfig;
  readonly backend: BackendName;
  /** The user's arguments, for provenance. @default [] */
  readonly argv?: readonly string[];
  /** One line about what runs, once the image and model are ready (stderr in the CLI). */
  readonly log?: (message: string) => void;
  /** Called every `progressEvery` iterations and at the last one. */
  readonly onProgress?: (p: AttackProgress) => void;
  /** @default max(1, ⌈steps / 20⌉) */
  readonly progressEvery?: number;
}

/**
 * Run the attack a resolved config describes (the report builder's entry point).
 * @param o - config, backend, provenance argv, log and progress hooks.
 * @returns the result JSON and the truth, final and best reconstructions ([1, H, W, C], [0, 1] pixels).
 * @throws InputError for bad input (image index out of range, missing data, a selection the model lacks).
 */
export async function runAttackExperiment(o: RunAttackOptions): Promise<AttackRun> {
  const startedAt = new Date();
  const { config } = o;
  const backend = await initBackend(o.backend);
  const image = loadAttackImage(config.data, config.image, config.seed);
  const model = makeModel(config.model);
  o.log?.(`attack: ${config.attack} on ${model.name} [${model.inputShape.join('x')}], ${image.dataset} image ${image.index} (label ${image.label}), defense ${JSON.stringify(config.defense)}, selection ${config.selection}, ${config.steps} steps, backend ${backend.name}`);
  const every = o.progressEvery ?? Math.max(1, Math.ceil(config.steps / 20));
  const t0 = performance.now();
  const onIterate = (iteration: number, mse: number): void => {
    if (iteration % every === 0 || iteration === config.steps) o.onProgress?.({ iteration, steps: config.steps, mse, ms: performance.now() - t0 });
  };
  const gs = config.attack === 'gs';
  const { images, ...outcome } = gs ? gsOutcome(config, model, image) : dlgOutcome(config, model, image, onIterate);
  if (gs) o.onProgress?.({ iteration: config.steps, steps: config.steps, mse: outcome.mse, ms: performance.now() - t0 }); // runGsCase has no per-iteration hook
  const result: AttackRunResult = {
    command: 'attack', attack: config.attack, selection: config.attack === 'repinfer' ? 'representation' : config.selection,
    image: { dataset: image.dataset, index: image.index, label: image.label, shape: [...image.shape], source: image.source },
    ...outcome, seed: config.seed, backend, config,
    provenance: makeProvenance({ argv: o.argv ?? [], seed: config.seed, backend, config, startedAt }),
  };
  const truth = { data: image.pixels, shape: [1, ...image.shape] as [number, number, number, number] };
  return { result, images: { truth, ...images } };
}
