/**
 * One client of the Table 1 experiment (Soteria arXiv 2012.06043 §3.2): the client trains
 * locally from the round's global model; the server sees only the model difference
 * Δθ = θ_global − θ_local (= η Σ_steps g_s with constant lr and no penalty, the accumulated
 * gradient) and runs representation inference on it; the analysis side then compares the
 * inferred representations with the true class means of the client's data, computed with the
 * ROUND-START global parameters (the paper does not say which weights; see the design notes).
 */
import { tf, disposeParams, makeRng } from '../tensor/index.js';
import type { ParamMap } from '../tensor/index.js';
import { subset } from '../sim/data/index.js';
import type { Dataset } from '../sim/data/index.js';
import { makeDefense } from '../sim/defenses/index.js';
import { localTrain, stepsPerRound } from '../sim/fl/index.js';
import type { FlConfig } from '../sim/fl/index.js';
import { trainableParamNames } from '../sim/models/index.js';
import { representationInference } from '../sim/attacks/representationInference.js';
import type { RepresentationInferenceOptions } from '../sim/attacks/representationInference.js';
import type { Model } from '../sim/types.js';
import { classMeanRepresentations } from './classMeanRepresentations.js';
import { representationCor } from './representationCor.js';
import type { CorEntry } from './representationCor.js';

/** What the analysis of one client's update finds. */
export interface Table1ClientRecord {
  /** 1-based round. */
  readonly round: number;
  readonly client: number;
  /** Classes in the client's data (truth). */
  readonly classes: readonly number[];
  /** Classes the attacker's rule declared present. */
  readonly detected: readonly number[];
  /** ‖ΔW^fc3[:, c]‖ per class. */
  readonly classNorms: readonly number[];
  /** One entry per (true class, FC layer). */
  readonly cor: readonly CorEntry[];
}

/** Everything `analyseTable1Client` needs. */
export interface Table1ClientInput {
  /** One model per FC layer name, identical but for `representationLayer` (same parameters). */
  readonly models: ReadonlyMap<string, Model>;
  /** The round's global parameters (not disposed). */
  readonly params: ParamMap;
  readonly train: Dataset;
  /** Every device's indices (for the step offset) and this device's index. */
  readonly clients: readonly (readonly number[])[];
  readonly client: number;
  readonly seed: number;
  /** 0-based round. */
  readonly round: number;
  readonly fl: FlConfig;
  readonly inference: RepresentationInferenceOptions;
}

/**
 * Re-run the client's local training exactly as `runRound` does (same rng stream), infer from
 * its model difference, and score against the truth. No tensor survives the call.
 */
export function analyseTable1Client(c: Table1ClientInput): Table1ClientRecord {
  const model = c.models.get('fc3') ?? [...c.models.values()][0];
  const indices = c.clients[c.client];
  const { fl } = c;
  const local = localTrain(model, c.params, { dataset: c.train, indices }, {
    epochs: fl.localEpochs, batchSize: fl.batchSize, lr: fl.lr, l2: fl.l2, defense: makeDefense({ kind: 'none' }),
    rng: makeRng(c.seed, 'round', c.round, 'client', c.client, 'local'), round: c.round,
    stepOffset: c.round * stepsPerRound(c.clients.map((k) => k.length), fl.localEpochs, fl.batchSize),
  });
  const delta: ParamMap = tf.tidy(() => Object.fromEntries(trainableParamNames(model).map((n) => [n, tf.sub(c.params[n], local.params[n])])));
  try {
    const inference = representationInference(
      { model, params: c.params, shared: { grads: delta, numExamples: indices.length }, knowledge: { batchSize: indices.length } },
      { ...c.inference, infer: 'all' },
    );
    const data = subset(c.train, [...indices]);
    const labels = Array.from(data.labels);
    const truth = new Map([...c.models].map(([layer, m]) => [layer, classMeanRepresentations(m, c.params, data.images, labels)]));
    const scored = representationCor(inference, truth);
    return {
      round: c.round + 1, client: c.client, classes: [...new Set(labels)].sort((a, b) => a - b),
      detected: inference.detected, classNorms: inference.classNorms, cor: scored.entries,
    };
  } finally {
    disposeParams(delta);
    disposeParams(local.params);
  }
}
