/**
 * A `train` cell: a FedAvg run of a `soteria-lab train` preset with one defense, through the same
 * `runTrain` as the train command, in `<workDir>/train/<id>/` (checkpointed: a killed sweep
 * resumes the run from its last round).
 */
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendName } from '../../tensor/index.js';
import { CHECKPOINT_FILE, ROUNDS_FILE } from '../../sim/fl/index.js';
import type { RoundRecord } from '../../sim/fl/index.js';
import { resolveTrainConfig } from '../resolveTrainConfig.js';
import { runTrain } from '../runTrain.js';
import type { TrainCellSpec } from './cellSpec.js';
import type { TrainCellResult } from './cellRecord.js';

/** Where and how a train cell runs. */
export interface TrainCellContext {
  readonly id: string;
  readonly workDir: string;
  readonly backend: BackendName;
  readonly dataDir?: string;
  readonly log: (message: string) => void;
}

/**
 * Run (or resume) one train cell.
 * @param spec - the cell.
 * @param ctx - cell id, work directory, backend, data directory.
 * @returns final accuracy and loss and the per-round history.
 */
export async function runTrainCell(spec: TrainCellSpec, ctx: TrainCellContext): Promise<TrainCellResult> {
  const base = resolveTrainConfig({ preset: spec.preset });
  const needsDir = base.config.data.dataset === 'cifar10';
  const overrides = { rounds: spec.rounds, seed: spec.seed, defense: spec.defense, ...(needsDir && ctx.dataDir !== undefined ? { dataDir: ctx.dataDir } : {}) };
  const { config } = resolveTrainConfig({ preset: spec.preset, overrides });
  const dir = join(ctx.workDir, 'train', ctx.id);
  const resume = existsSync(join(dir, CHECKPOINT_FILE));
  if (!resume) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = await runTrain({ config, outDir: dir, resume, backend: ctx.backend, argv: ['train', '--preset', spec.preset, '--rounds', String(spec.rounds)], log: () => undefined });
  const records = readFileSync(join(dir, ROUNDS_FILE), 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as RoundRecord);
  const last = records[records.length - 1];
  return {
    accuracy: r.accuracy,
    loss: r.loss,
    rounds: r.rounds,
    paramsDigest: r.paramsDigest,
    defense: r.defense.description,
    model: config.model.kind,
    dataset: config.data.dataset,
    history: records.map((h) => ({ round: h.round, accuracy: h.accuracy, loss: h.loss, trainLoss: h.trainLoss })),
    defenseStats: last?.defense ?? {},
  };
}
