/**
 * A tiny, fast, learnable federated run (synthetic blobs, logistic regression, 6 devices) and a
 * pass-through defense, for tests of the FL loop and for smoke checks. Not a paper setting.
 */
import type { ParamMap } from '../../tensor/index.js';
import { iidPartition } from '../data/iidPartition.js';
import { subset } from '../data/subset.js';
import { makeSyntheticDataset } from '../data/synthetic.js';
import type { Defense } from '../defenses/types.js';
import { makeModel } from '../models/index.js';
import type { ModelConfig } from '../types.js';
import type { FlRunSpec } from './runRounds.js';
import type { FlConfig } from './types.js';

/** The identity defense (returns the gradients it was given; no statistics). */
export const passThroughDefense: Defense = Object.freeze({
  config: { kind: 'none' } as const,
  description: 'no defense (pass-through)',
  apply: (grads: ParamMap) => ({ grads, stats: {} }),
});

/** Overrides of `tinyRunSpec`. */
export interface TinyRunOptions {
  /** @default 0 */
  readonly seed?: number;
  /** Merged over the tiny FL config (6 devices, K 3, E 1, B 8, constant η 0.5, 4 rounds). */
  readonly fl?: Partial<FlConfig>;
  /** @default passThroughDefense */
  readonly defense?: Defense;
  /** @default { kind: 'logReg', init: 'uniform' } on 8×8×1, 4 classes */
  readonly model?: ModelConfig;
  /** @default 1 */
  readonly evalEvery?: number;
}

/**
 * Build the tiny run: 8×8×1 blobs, 4 classes, 120 training samples split IID over 6 devices,
 * 40 test samples.
 * @param options - see `TinyRunOptions`.
 * @returns a run spec whose identity is a hash of the options.
 */
export function tinyRunSpec(options: TinyRunOptions = {}): FlRunSpec {
  const seed = options.seed ?? 0;
  const all = makeSyntheticDataset({ seed, n: 160, shape: [8, 8, 1], numClasses: 4, kind: 'blobs', noise: 0.2 });
  const train = subset(all, Array.from({ length: 120 }, (_, i) => i));
  const test = subset(all, Array.from({ length: 40 }, (_, i) => 120 + i));
  const fl: FlConfig = { numClients: 6, clientsPerRound: 3, rounds: 4, localEpochs: 1, batchSize: 8, lr: { kind: 'constant', eta: 0.5 }, l2: 0, sampling: 'uniform', ...options.fl };
  const modelConfig: ModelConfig = options.model ?? { kind: 'logReg', init: 'uniform', inputShape: [8, 8, 1], numClasses: 4 };
  const clients = iidPartition(train.labels, { numClients: fl.numClients, seed });
  const config = { seed, fl: { ...fl, rounds: undefined }, model: modelConfig, defense: (options.defense ?? passThroughDefense).config, evalEvery: options.evalEvery ?? 1 };
  return {
    seed, model: makeModel(modelConfig), train, test, clients, fl,
    defense: options.defense ?? passThroughDefense,
    evalEvery: options.evalEvery ?? 1,
    identity: { configHash: JSON.stringify(config), config },
  };
}
