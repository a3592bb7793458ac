/**
 * Law bundle of a server aggregator (style.md §7.4): the mean of identical models is the model,
 * the result does not depend on the order of the devices, and no tensors leak. Inputs are plain
 * data (shapes, seeds, device sizes); tensors are built inside the law and disposed there.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { disposeParams, expectNoNewTensors, makeRng, randomNormalTensor, toFloat64, TOL } from '../../src/tensor/index.js';
import type { ParamMap } from '../../src/tensor/index.js';

/** An aggregator under test: weighted combination of parameter maps (buffers named). */
export type Aggregator = (models: readonly ParamMap[], weights: readonly number[], buffers: ReadonlySet<string>) => ParamMap;

/** A parameter layout and the seed of its values (plain data). */
export interface LayoutCase {
  readonly shapes: readonly (readonly number[])[];
  /** Index of the entry that is a buffer (non-trainable), or -1. */
  readonly buffer: number;
  readonly seed: number;
}

/** Layouts of 1–3 tensors of rank 1–3 with small sides. */
export const layoutArb: fc.Arbitrary<LayoutCase> = fc
  .array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 })
  .chain((shapes) => fc.record({ shapes: fc.constant(shapes), buffer: fc.integer({ min: -1, max: shapes.length - 1 }), seed: fc.nat({ max: 2 ** 31 - 1 }) }));

function build(c: LayoutCase, device: number): ParamMap {
  const rng = makeRng(c.seed, 'aggregatorLaws', device);
  return Object.fromEntries(c.shapes.map((s, i) => [`p${i}`, randomNormalTensor(rng.fork(i), s)]));
}

function maxRelDiff(a: ParamMap, b: ParamMap): number {
  let worst = 0;
  for (const name of Object.keys(a)) {
    const x = toFloat64(a[name]);
    const y = toFloat64(b[name]);
    x.forEach((v, i) => (worst = Math.max(worst, Math.abs(v - y[i]) / Math.max(1, Math.abs(y[i])))));
  }
  return worst;
}

/**
 * Assert the aggregator laws.
 * @param aggregator - the function under test.
 * @param weightsArb - weights that sum to 1 (e.g. from a sampling scheme), 1–6 devices.
 */
export function assertAggregatorLaws(aggregator: Aggregator, weightsArb: fc.Arbitrary<readonly number[]>): void {
  fc.assert(fc.property(layoutArb, weightsArb, (c, w) => expectNoNewTensors(() => {
    const buffers = new Set(c.buffer >= 0 ? [`p${c.buffer}`] : []);
    const one = build(c, 0);
    const same = aggregator(w.map(() => one), w, buffers);
    expect(maxRelDiff(same, one)).toBeLessThan(TOL.float32); // identical updates → identity
    const models = w.map((_, k) => build(c, k + 1));
    const order = w.map((_, k) => k).reverse();
    const a = aggregator(models, w, buffers);
    const b = aggregator(order.map((k) => models[k]), order.map((k) => w[k]), buffers);
    expect(maxRelDiff(a, b)).toBeLessThan(TOL.float32); // permutation invariance
    expect(Object.keys(a).sort()).toEqual(Object.keys(one).sort()); // names preserved
    [one, same, a, b, ...models].forEach(disposeParams);
  })));
}
