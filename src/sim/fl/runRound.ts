/**
 * One FedAvg round (Soteria arXiv 2012.06043 §3.1 eq. 10–13 with Algorithm 2 inside): sample
 * devices, train each distinct device once from the global model (a device drawn twice has the
 * same rng stream, so its result would be identical; its weight counts the repeats), aggregate.
 * Streams: `(seed, 'round', r, 'sample')` for sampling, `(seed, 'round', r, 'client', k, 'local')`
 * for device k's local training, so nothing depends on execution order — which is what lets
 * `runRoundParallel` train the devices in worker threads with the same result.
 */
import { disposeParams, makeRng, tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Dataset } from '../data/types.js';
import type { Defense, DefenseStats } from '../defenses/types.js';
import type { Model, ModelConfig } from '../types.js';
import { aggregate } from './aggregate.js';
import { learningRate, stepsPerRound } from './learningRate.js';
import { clientRng, fromParamArrays, makeClientJob, toParamArrays } from './clientJob.js';
import type { ClientPool } from './clientPool.js';
import { localTrain } from './localTrain.js';
import type { LocalTrainResult } from './localTrain.js';
import { sampleClients } from './sampleClients.js';
import type { ClientSelection } from './sampleClients.js';
import { summarizeStats } from './summarizeStats.js';
import type { FlConfig } from './types.js';

/** Everything a round needs besides the global model. */
export interface RoundSetup {
  readonly seed: number;
  readonly model: Model;
  readonly train: Dataset;
  /** Sample indices of every device (the partition), N entries. */
  readonly clients: readonly (readonly number[])[];
  readonly defense: Defense;
  readonly fl: FlConfig;
}

/** The training part of a round's record. */
export interface RoundOutcome {
  /** The new global model. Caller owns returned tensors. */
  readonly params: ParamMap;
  readonly clients: readonly number[];
  readonly aggregateWeightSum: number;
  readonly trainLoss: number;
  readonly lr: number;
  readonly steps: number;
  readonly defense: DefenseStats;
}

/** Which devices a round trains, their aggregation weights, and the round's first local step. */
interface RoundPlan {
  readonly selection: ClientSelection;
  readonly stepOffset: number;
}

function planRound(setup: RoundSetup, r: number): RoundPlan {
  const { fl, seed } = setup;
  const sizes = setup.clients.map((c) => c.length);
  const selection = sampleClients(fl.sampling, sizes, fl.clientsPerRound, makeRng(seed, 'round', r, 'sample'));
  return { selection, stepOffset: r * stepsPerRound(sizes, fl.localEpochs, fl.batchSize) };
}

/** Aggregate the trained devices (in selection order) into the round's outcome; disposes `locals`. */
function finishRound(setup: RoundSetup, plan: RoundPlan, locals: readonly LocalTrainResult[], r: number): RoundOutcome {
  try {
    let lossSum = 0;
    let steps = 0;
    for (const out of locals) {
      lossSum += out.meanLoss * out.steps;
      steps += out.steps;
    }
    const buffers = new Set(setup.model.params.filter((p) => !p.trainable).map((p) => p.name));
    return {
      params: aggregate(locals.map((l) => l.params), plan.selection.weights, buffers),
      clients: plan.selection.draws,
      aggregateWeightSum: plan.selection.weightSum,
      trainLoss: steps > 0 ? lossSum / steps : 0,
      lr: learningRate(setup.fl.lr, r, plan.stepOffset),
      steps,
      defense: summarizeStats(locals.map((l) => ({ stats: l.defense, weight: l.steps }))),
    };
  } finally {
    locals.forEach((l) => disposeParams(l.params));
  }
}

/**
 * Run round `r` (0-based) from the global model `params` (not disposed), devices one after
 * another in this thread.
 * @returns the aggregated model and the round's training statistics. Caller owns returned tensors.
 */
export function runRound(setup: RoundSetup, params: ParamMap, r: number): RoundOutcome {
  const { fl, seed } = setup;
  const plan = planRound(setup, r);
  const locals: LocalTrainResult[] = [];
  try {
    for (const k of plan.selection.clients) {
      locals.push(localTrain(setup.model, params, { dataset: setup.train, indices: setup.clients[k] }, {
        epochs: fl.localEpochs, batchSize: fl.batchSize, lr: fl.lr, l2: fl.l2, defense: setup.defense,
        rng: clientRng(seed, r, k), round: r, stepOffset: plan.stepOffset,
      }));
    }
  } catch (error) {
    locals.forEach((l) => disposeParams(l.params));
    throw error;
  }
  return finishRound(setup, plan, locals, r);
}

/** The worker pool and the config of `setup.model` (which the workers rebuild). */
export interface ParallelClients {
  readonly pool: ClientPool;
  readonly model: ModelConfig;
}

/**
 * `runRound` with the devices trained in the pool's worker threads: the same outcome, bit for
 * bit (each device's work is independent of the others' and of the thread it runs in).
 * @returns the aggregated model and the round's statistics. Caller owns returned tensors.
 */
export async function runRoundParallel(setup: RoundSetup, params: ParamMap, r: number, parallel: ParallelClients): Promise<RoundOutcome> {
  const { fl, seed } = setup;
  const plan = planRound(setup, r);
  const values = toParamArrays(params);
  const jobs = plan.selection.clients.map((k) => makeClientJob({
    backend: tf.getBackend(), model: parallel.model, defense: setup.defense.config, params: values,
    train: setup.train, indices: setup.clients[k], fl, seed, round: r, client: k, stepOffset: plan.stepOffset,
  }));
  const results = await parallel.pool.train(jobs);
  return finishRound(setup, plan, results.map((o) => ({ ...o, params: fromParamArrays(o.params) })), r);
}
