/**
 * The defense law bundle (style.md §7.4): every defense preserves gradient names and shapes,
 * changes only the tensors it is allowed to change (Soteria: the defended layer's weight), is
 * deterministic for a given random stream, leaks no tensors, and is the identity at strength 0.
 *
 * Cases are plain data ({ model, batch, seed }); the model, its parameters, a batch and the
 * batch's mean cross-entropy gradients are built inside the property from that data.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { disposeParams, expectNoNewTensors, makeRng, paramNames, paramsDigest, randomUniformTensor, tf } from '../../src/tensor/index.js';
import type { ParamMap } from '../../src/tensor/index.js';
import { hardCrossEntropy } from '../../src/tensor/losses.js';
import { lenetDlg, logReg, mlp3 } from '../../src/sim/models/index.js';
import type { Model } from '../../src/sim/types.js';
import { makeDefense } from '../../src/sim/defenses/index.js';
import type { DefenseConfig, DefenseContext, DefenseStats } from '../../src/sim/defenses/index.js';

/** Small models, named as plain data. */
export type ModelKey = 'lenet16' | 'lenet8' | 'mlp3' | 'mlp3fc2' | 'logReg';
export const MODEL_KEYS: readonly ModelKey[] = ['lenet16', 'lenet8', 'mlp3', 'mlp3fc2', 'logReg'];

/** One defense case as plain data. */
export interface DefenseCase {
  readonly model: ModelKey;
  readonly batch: number;
  readonly seed: number;
}

export const seedArb = fc.nat({ max: 2 ** 31 - 1 });

/** Cases over the given models, batch 1–4. */
export function defenseCaseArb(models: readonly ModelKey[] = MODEL_KEYS): fc.Arbitrary<DefenseCase> {
  return fc.record({ model: fc.constantFrom(...models), batch: fc.integer({ min: 1, max: 4 }), seed: seedArb });
}

/** Build a model from its key (sigmoid LeNet; ReLU MLPs; logistic regression). */
export function buildModel(key: ModelKey): Model {
  switch (key) {
    case 'lenet16': return lenetDlg({ inputShape: [16, 16, 1] });
    case 'lenet8': return lenetDlg({ inputShape: [8, 8, 1] });
    case 'mlp3': return mlp3({ inputShape: [4, 4, 1], hidden: [12, 10] });
    case 'mlp3fc2': return mlp3({ inputShape: [4, 4, 1], hidden: [12, 10], representationLayer: 'fc2' });
    case 'logReg': return logReg({ inputShape: [4, 4, 1], init: 'uniform' });
  }
}

/** The tensors of a case (all owned by `withCase`). */
export interface CaseTensors extends Omit<DefenseContext, 'rng'> {
  readonly grads: ParamMap;
}

/** Mean-CE gradients of the trainable parameters. Caller owns returned tensors. */
export function batchGradients(model: Model, params: ParamMap, x: tf.Tensor4D, y: tf.Tensor1D): ParamMap {
  const names = model.params.filter((p) => p.trainable).map((p) => p.name);
  return tf.tidy(() => {
    const loss = (...ps: tf.Tensor[]): tf.Scalar => hardCrossEntropy(model.apply({ ...params, ...Object.fromEntries(names.map((n, i) => [n, ps[i]])) }, x).logits, y);
    const g = tf.grads(loss)(names.map((n) => params[n]));
    return Object.fromEntries(names.map((n, i) => [n, g[i]]));
  }) as unknown as ParamMap;
}

/** Build the case's tensors, run `fn`, dispose everything. */
export function withCase<T>(c: DefenseCase, fn: (t: CaseTensors) => T): T {
  const model = buildModel(c.model);
  const params = model.init(c.seed);
  const x = randomUniformTensor(makeRng(c.seed, 'x'), [c.batch, ...model.inputShape]) as tf.Tensor4D;
  const rng = makeRng(c.seed, 'y');
  const y = tf.tensor1d(Array.from({ length: c.batch }, () => rng.nextInt(model.numClasses)), 'int32');
  const grads = batchGradients(model, params, x, y);
  try {
    return fn({ model, params, x, y, grads });
  } finally {
    disposeParams(params);
    disposeParams(grads);
    tf.dispose([x, y]);
  }
}

/** Plain-data summary of one defense application. */
export interface DefenseRun {
  readonly shapesBefore: Record<string, number[]>;
  readonly shapesAfter: Record<string, number[]>;
  readonly digestBefore: string;
  readonly digestAfter: string;
  /** Names whose tensor is not bit-identical to the input. */
  readonly changed: string[];
  readonly stats: DefenseStats;
}

const shapes = (p: ParamMap): Record<string, number[]> => Object.fromEntries(paramNames(p).map((n) => [n, [...p[n].shape]]));

/** Apply `cfg` once with the stream makeRng(rngSeed, 'defense'); returns plain data only. */
export function runDefense(cfg: DefenseConfig, t: CaseTensors, rngSeed: number): DefenseRun {
  const r = makeDefense(cfg).apply(t.grads, { ...t, rng: makeRng(rngSeed, 'defense') });
  try {
    const changed = paramNames(t.grads).filter((n) => r.grads[n] === undefined || paramsDigest({ [n]: r.grads[n] }) !== paramsDigest({ [n]: t.grads[n] }));
    return { shapesBefore: shapes(t.grads), shapesAfter: shapes(r.grads), digestBefore: paramsDigest(t.grads), digestAfter: paramsDigest(r.grads), changed, stats: r.stats };
  } finally {
    disposeParams(r.grads);
  }
}

/** Which gradient names a config may change for a model ('any' = no restriction). */
export function allowedChanges(cfg: DefenseConfig, model: Model): readonly string[] | 'any' {
  switch (cfg.kind) {
    case 'none': return [];
    case 'soteria': return [`${cfg.layer ?? model.representationLayer}.weight`];
    default: return 'any';
  }
}

/**
 * Laws 1–4: names and shapes preserved, only allowed tensors change, same stream → bit-identical
 * result, no leaked tensors. Runs `fc.assert`.
 */
export function assertDefenseLaws(cfgArb: fc.Arbitrary<DefenseConfig>, caseArb: fc.Arbitrary<DefenseCase> = defenseCaseArb()): void {
  fc.assert(fc.property(caseArb, cfgArb, seedArb, (c, cfg, rngSeed) => {
    expectNoNewTensors(() => withCase(c, (t) => {
      // Act
      const r1 = runDefense(cfg, t, rngSeed);
      const r2 = runDefense(cfg, t, rngSeed);
      // Assert
      expect(r1.shapesAfter).toEqual(r1.shapesBefore);
      expect(r2.digestAfter).toBe(r1.digestAfter);
      const allowed = allowedChanges(cfg, t.model);
      if (allowed !== 'any') expect(r1.changed.filter((n) => !allowed.includes(n))).toEqual([]);
    }));
  }));
}

/** Law 5: a defense at strength 0 returns its input bit for bit (and leaks nothing). */
export function assertIdentityAtZero(zeroCfgArb: fc.Arbitrary<DefenseConfig>, caseArb: fc.Arbitrary<DefenseCase> = defenseCaseArb()): void {
  fc.assert(fc.property(caseArb, zeroCfgArb, seedArb, (c, cfg, rngSeed) => {
    expectNoNewTensors(() => withCase(c, (t) => {
      // Act
      const r = runDefense(cfg, t, rngSeed);
      // Assert
      expect(r.changed).toEqual([]);
      expect(r.digestAfter).toBe(r.digestBefore);
    }));
  }));
}
