/**
 * One FedAvg round (Soteria arXiv 2012.06043 §3.1 eq. 10–13 with Algorithm 2 inside): sample
 * devices, train each distinct device once from the global model (a device drawn twice has the
 * same rng stream, so its result would be identical; its weight counts the repeats), aggregate.
 * Streams: `(seed, 'round', r, 'sample')` for sampling, `(seed, 'round', r, 'client', k, 'local')`
 * for device k's local training, so nothing depends on execution order.
 */
import { disposeParams, makeRng } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Dataset } from '../data/types.js';
import type { Defense, DefenseStats } from '../defenses/types.js';
import type { Model } from '../types.js';
import { aggregate } from './aggregate.js';
import { learningRate, stepsPerRound } from './learningRate.js';
import { localTrain } from './localTrain.js';
import { sampleClients } from './sampleClients.js';
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

/**
 * Run round `r` (0-based) from the global model `params` (not disposed).
 * @returns the aggregated model and the round's training statistics. Caller owns returned tensors.
 */
export function runRound(setup: RoundSetup, params: ParamMap, r: number): RoundOutcome {
  const { fl, seed } = setup;
  const sizes = setup.clients.map((c) => c.length);
  const selection = sampleClients(fl.sampling, sizes, fl.clientsPerRound, makeRng(seed, 'round', r, 'sample'));
  const stepOffset = r * stepsPerRound(sizes, fl.localEpochs, fl.batchSize);
  const locals: ParamMap[] = [];
  const stats: { stats: DefenseStats; weight: number }[] = [];
  let lossSum = 0;
  let steps = 0;
  try {
    for (const k of selection.clients) {
      const out = localTrain(setup.model, params, { dataset: setup.train, indices: setup.clients[k] }, {
        epochs: fl.localEpochs, batchSize: fl.batchSize, lr: fl.lr, l2: fl.l2, defense: setup.defense,
        rng: makeRng(seed, 'round', r, 'client', k, 'local'), round: r, stepOffset,
      });
      locals.push(out.params);
      stats.push({ stats: out.defense, weight: out.steps });
      lossSum += out.meanLoss * out.steps;
      steps += out.steps;
    }
    const buffers = new Set(setup.model.params.filter((p) => !p.trainable).map((p) => p.name));
    return {
      params: aggregate(locals, selection.weights, buffers),
      clients: selection.draws,
      aggregateWeightSum: selection.weightSum,
      trainLoss: steps > 0 ? lossSum / steps : 0,
      lr: learningRate(fl.lr, r, stepOffset),
      steps,
      defense: summarizeStats(stats),
    };
  } finally {
    locals.forEach(disposeParams);
  }
}
