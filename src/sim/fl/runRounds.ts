/**
 * The server loop of a federated run (Soteria arXiv 2012.06043 §3.1, §6.1), checkpointed: after
 * every round it appends the round's record to `rounds.jsonl` and atomically replaces
 * `checkpoint.json`. All randomness comes from per-(round, device, purpose) streams of
 * `spec.seed`, so a run resumed from its checkpoint ends bit-for-bit where the uninterrupted run
 * ends (same `paramsDigest`).
 */
import { disposeParams, paramsFromJson, paramsToJson } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Dataset } from '../data/types.js';
import { evaluate } from './evaluate.js';
import { checkLrSchedule } from './learningRate.js';
import { CHECKPOINT_VERSION, resumeFrom, saveRound, startFresh } from './runDir.js';
import type { RunIdentity } from './runDir.js';
import { runRound, runRoundParallel } from './runRound.js';
import type { ParallelClients, RoundSetup } from './runRound.js';
import type { RoundRecord } from './types.js';

/** A fully built run: model, data, partition, defense, hyper-parameters and identity. */
export interface FlRunSpec extends RoundSetup {
  readonly test: Dataset;
  /** Evaluate the global model every this many rounds (and always after the last). @default 1 */
  readonly evalEvery?: number;
  /** Samples per evaluation forward pass. @default 500 */
  readonly evalBatchSize?: number;
  /** Hash (decides whether a checkpoint belongs to this run) and config (names a mismatch). */
  readonly identity: RunIdentity;
}

/** Options of `runRounds`. */
export interface RunRoundsOptions {
  /** Run directory for `rounds.jsonl` and `checkpoint.json`. */
  readonly outDir: string;
  /** Continue from the checkpoint in `outDir`. @default false */
  readonly resume?: boolean;
  /** Called after each round is saved. */
  readonly onRound?: (record: RoundRecord) => void;
  /** Stop (cleanly, after saving the current round) when aborted. */
  readonly signal?: AbortSignal;
  /** Train each round's devices in these worker threads (same results); default: in this thread. */
  readonly parallel?: ParallelClients;
}

/** What `runRounds` returns. */
export interface RunRoundsResult {
  /** The global model after the last completed round. Caller owns returned tensors. */
  readonly params: ParamMap;
  /** Every completed round, including those before a resume. */
  readonly history: readonly RoundRecord[];
  /** Completed rounds found in the checkpoint, when resumed. */
  readonly resumedFrom?: number;
  /** Rounds run by this call. */
  readonly roundsRun: number;
  /** True when stopped by `signal` before `fl.rounds`. */
  readonly interrupted: boolean;
}

function checkSpec(spec: FlRunSpec): void {
  const { fl, model, train, test } = spec;
  const int = (name: string, v: number, min: number): void => {
    if (!(Number.isSafeInteger(v) && v >= min)) throw new RangeError(`runRounds: ${name} must be an integer >= ${min} (got ${v})`);
  };
  int('fl.numClients', fl.numClients, 1);
  int('fl.clientsPerRound', fl.clientsPerRound, 1);
  int('fl.rounds', fl.rounds, 0);
  int('evalEvery', spec.evalEvery ?? 1, 1);
  checkLrSchedule(fl.lr, 'runRounds');
  if (spec.clients.length !== fl.numClients) throw new RangeError(`runRounds: partition has ${spec.clients.length} devices (expected fl.numClients = ${fl.numClients})`);
  for (const ds of [train, test]) {
    if (ds.shape.join('x') !== model.inputShape.join('x')) throw new RangeError(`runRounds: ${ds.name} images are [${ds.shape.join(', ')}] (expected the model's input [${model.inputShape.join(', ')}])`);
  }
}

/**
 * Run (or resume) `spec.fl.rounds` rounds of FedAvg with the defense inside local training.
 * @param spec - the run (see `FlRunSpec`).
 * @param options - output directory, resume flag, per-round callback, abort signal.
 * @returns the final global model and the history. Caller owns returned tensors.
 * @throws InputError when `outDir` is not empty without `resume`, or the checkpoint does not match.
 */
export async function runRounds(spec: FlRunSpec, options: RunRoundsOptions): Promise<RunRoundsResult> {
  checkSpec(spec);
  const { outDir } = options;
  const cp = options.resume === true ? resumeFrom(outDir, spec.identity) : (startFresh(outDir), undefined);
  let params = cp === undefined ? spec.model.init(spec.seed) : paramsFromJson(cp.params);
  const history: RoundRecord[] = cp === undefined ? [] : [...cp.history];
  const start = cp?.round ?? 0;
  let r = start;
  try {
    for (; r < spec.fl.rounds && options.signal?.aborted !== true; r++) {
      const t0 = performance.now();
      const out = options.parallel === undefined ? runRound(spec, params, r) : await runRoundParallel(spec, params, r, options.parallel);
      disposeParams(params);
      params = out.params;
      const due = (r + 1) % (spec.evalEvery ?? 1) === 0 || r + 1 === spec.fl.rounds;
      const ev = due ? evaluate(spec.model, params, spec.test, { batchSize: spec.evalBatchSize }) : undefined;
      const { params: _p, ...stats } = out;
      const record: RoundRecord = { round: r + 1, accuracy: ev?.accuracy ?? null, loss: ev?.loss ?? null, ...stats, ms: Math.round(performance.now() - t0) };
      history.push(record);
      saveRound(outDir, { version: CHECKPOINT_VERSION, ...spec.identity, round: r + 1, params: paramsToJson(params), history });
      options.onRound?.(record);
      await new Promise((resolve) => setImmediate(resolve)); // let signals and progress output through
    }
  } catch (error) {
    disposeParams(params);
    throw error;
  }
  return { params, history, ...(cp !== undefined ? { resumedFrom: cp.round } : {}), roundsRun: r - start, interrupted: r < spec.fl.rounds };
}
