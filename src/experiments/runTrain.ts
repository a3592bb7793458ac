/**
 * `soteria-lab train` without the command line: build the run a resolved config describes
 * (backend, data, partition, model, defense), run or resume its checkpointed FedAvg rounds in
 * `outDir`, and return the result JSON (also written to `<outDir>/result.json`).
 */
import { join, resolve } from 'node:path';
import { makeDefense } from '../sim/defenses/index.js';
import type { DefenseConfig } from '../sim/defenses/index.js';
import { partition } from '../sim/data/index.js';
import { atomicWrite, ClientPool, evaluate, runRounds } from '../sim/fl/index.js';
import type { RoundRecord, RunIdentity } from '../sim/fl/index.js';
import { makeModel } from '../sim/models/index.js';
import { disposeParams, initBackend, paramsDigest } from '../tensor/index.js';
import type { BackendInfo, BackendName } from '../tensor/index.js';
import type { TrainConfig } from './configSchema.js';
import { loadTrainData } from './loadTrainData.js';
import { configHash, makeProvenance } from './provenance.js';
import type { Provenance } from './provenance.js';

/** Options of `runTrain`. */
export interface RunTrainOptions {
  readonly config: TrainConfig;
  readonly outDir: string;
  /** Continue the run in `outDir` from its checkpoint. @default false */
  readonly resume?: boolean;
  readonly backend: BackendName;
  /** The user's arguments, for provenance. */
  readonly argv: readonly string[];
  /** Progress lines (stderr). */
  readonly log: (message: string) => void;
  readonly onRound?: (record: RoundRecord) => void;
  readonly signal?: AbortSignal;
  /** Worker threads training each round's devices (0 = this thread; same results). @default 0 */
  readonly workers?: number;
}

/** The result of `soteria-lab train` (the `--json` object). */
export interface TrainResult {
  /** Completed rounds. */
  readonly rounds: number;
  /** Final test accuracy of the global model. */
  readonly accuracy: number;
  /** Final test mean cross entropy. */
  readonly loss: number;
  /** sha256 of the final parameters (names sorted, float32 bytes). */
  readonly paramsDigest: string;
  readonly defense: { readonly config: DefenseConfig; readonly description: string };
  readonly config: TrainConfig;
  readonly seed: number;
  readonly backend: BackendInfo;
  /** Wall time of this invocation, ms. */
  readonly ms: number;
  /** Mean wall time of a round over the whole history (training + evaluation), ms. */
  readonly msPerRound: number;
  readonly outDir: string;
  /** Rounds already done when this invocation resumed. */
  readonly resumedFrom?: number;
  /** True when stopped (signal) before fl.rounds. */
  readonly interrupted: boolean;
  /** Worker threads that trained the devices (0: the main thread). */
  readonly workers: number;
  readonly provenance: Provenance;
}

/**
 * The run's identity: the config without `fl.rounds` (a run may be resumed with more rounds;
 * no schedule depends on the total), and its canonical hash.
 */
export function runIdentity(config: TrainConfig): RunIdentity {
  const { rounds: _rounds, ...fl } = config.fl;
  const c = { ...config, fl };
  return { configHash: configHash(c), config: c };
}

/**
 * Run (or resume) the training a config describes.
 * @param o - see `RunTrainOptions`.
 * @returns the result (plain JSON data).
 */
export async function runTrain(o: RunTrainOptions): Promise<TrainResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const { config } = o;
  const backend = await initBackend(o.backend);
  const { train, test } = loadTrainData(config.data, config.seed);
  const clients = partition(train.labels, config.partition);
  const model = makeModel(config.model);
  const defense = makeDefense(config.defense);
  o.log(`train: ${model.name} on ${train.name} (${train.labels.length} train / ${test.labels.length} test), ${config.fl.numClients} devices, ${config.fl.clientsPerRound} per round (${config.fl.sampling}), defense: ${defense.description}, backend ${backend.name}, out ${o.outDir}`);
  const spec = { seed: config.seed, model, train, test, clients, defense, fl: config.fl, evalEvery: config.eval.every, evalBatchSize: config.eval.batchSize, identity: runIdentity(config) };
  const workers = Math.min(o.workers ?? 0, config.fl.clientsPerRound);
  const pool = workers > 1 ? new ClientPool(workers) : undefined;
  const parallel = pool === undefined ? undefined : { pool, model: config.model };
  const run = await runRounds(spec, { outDir: o.outDir, resume: o.resume, onRound: o.onRound, signal: o.signal, parallel }).finally(() => pool?.close());
  try {
    const last = run.history[run.history.length - 1];
    const ev = last?.accuracy != null && last.loss != null ? { accuracy: last.accuracy, loss: last.loss } : evaluate(model, run.params, test, { batchSize: config.eval.batchSize });
    const result: TrainResult = {
      rounds: run.history.length,
      accuracy: ev.accuracy,
      loss: ev.loss,
      paramsDigest: paramsDigest(run.params),
      defense: { config: defense.config, description: defense.description },
      config,
      seed: config.seed,
      backend,
      ms: Math.round(performance.now() - t0),
      msPerRound: run.history.length === 0 ? 0 : Math.round(run.history.reduce((s, h) => s + h.ms, 0) / run.history.length),
      outDir: resolve(o.outDir),
      ...(run.resumedFrom !== undefined ? { resumedFrom: run.resumedFrom } : {}),
      interrupted: run.interrupted,
      workers: pool === undefined ? 0 : workers,
      provenance: makeProvenance({ argv: o.argv, seed: config.seed, backend, config, startedAt }),
    };
    atomicWrite(join(o.outDir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    disposeParams(run.params);
  }
}
