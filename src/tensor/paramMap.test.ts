/** Tests of named parameter maps: digests, JSON round trip, layout checks and ownership. */
import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from './tf.js';
import { initBackend } from './backend.js';
import { makeRng } from './rng.js';
import { gaussian } from './samplers.js';
import { expectNoNewTensors } from './testing.js';
import {
  assertSameLayout,
  cloneParams,
  disposeParams,
  mapParams,
  paramCount,
  paramNames,
  paramShapes,
  paramsDigest,
  paramsFromJson,
  paramsToJson,
  type ParamMap,
} from './paramMap.js';

beforeAll(async () => {
  await initBackend('cpu');
});

/** A small two-layer parameter set with seeded values, as plain float32 data. */
function values(seed: number): Record<string, { shape: number[]; data: Float32Array }> {
  const rng = makeRng(seed, 'params');
  return {
    'fc.weight': { shape: [3, 4], data: Float32Array.from(gaussian(rng, 12)) },
    'fc.bias': { shape: [4], data: Float32Array.from(gaussian(rng, 4)) },
  };
}
function build(v: Record<string, { shape: number[]; data: Float32Array }>): ParamMap {
  const out: Record<string, tf.Tensor> = {};
  for (const [name, { shape, data }] of Object.entries(v)) out[name] = tf.tensor(data, shape, 'float32');
  return out;
}
function withDisposed<T>(maps: ParamMap[], fn: () => T): T {
  try {
    return fn();
  } finally {
    maps.forEach(disposeParams);
  }
}

describe('paramsDigest', () => {
  it('is equal for identical parameters, whatever the key insertion order', () => {
    // Arrange
    const v = values(1);
    const a = build(v);
    const b = build({ 'fc.bias': v['fc.bias'], 'fc.weight': v['fc.weight'] });
    // Act / Assert
    withDisposed([a, b], () => expect(paramsDigest(b)).toBe(paramsDigest(a)));
  });

  it('changes when one value moves by 1 ulp (float32)', () => {
    // Arrange
    const v = values(2);
    const bumped = values(2);
    new Uint32Array(bumped['fc.weight'].data.buffer)[5] += 1; // next float32 after the 6th weight
    const [a, b] = [build(v), build(bumped)];
    // Act / Assert
    withDisposed([a, b], () => {
      expect(bumped['fc.weight'].data[5]).not.toBe(v['fc.weight'].data[5]);
      expect(paramsDigest(b)).not.toBe(paramsDigest(a));
    });
  });

  it('changes when a name or a shape differs but the values do not', () => {
    // Arrange
    const v = values(3);
    const a = build(v);
    const renamed = build({ 'fc.weight': v['fc.weight'], 'fc.b': v['fc.bias'] });
    const reshaped = build({ ...v, 'fc.weight': { shape: [4, 3], data: v['fc.weight'].data } });
    // Act / Assert
    withDisposed([a, renamed, reshaped], () => {
      expect(paramsDigest(renamed)).not.toBe(paramsDigest(a));
      expect(paramsDigest(reshaped)).not.toBe(paramsDigest(a));
    });
  });
});

describe('paramsToJson / paramsFromJson', () => {
  it('round-trip bit-exactly, also through JSON text', () => {
    // Arrange
    const p = build(values(4));
    // Act
    const json = paramsToJson(p);
    const back = paramsFromJson(JSON.parse(JSON.stringify(json)) as typeof json);
    // Assert
    withDisposed([p, back], () => {
      expect(paramsDigest(back)).toBe(paramsDigest(p));
      expect(paramShapes(back)).toEqual(paramShapes(p));
      expect(Object.keys(json)).toEqual(['fc.bias', 'fc.weight']);
    });
  });
});

describe('layout helpers', () => {
  it('paramNames is sorted; paramCount and paramShapes describe the tensors', () => {
    // Arrange
    const p = build(values(5));
    // Act / Assert
    withDisposed([p], () => {
      expect(paramNames(p)).toEqual(['fc.bias', 'fc.weight']);
      expect(paramCount(p)).toBe(16);
      expect(paramShapes(p)).toEqual({ 'fc.bias': [4], 'fc.weight': [3, 4] });
    });
  });

  it('assertSameLayout accepts equal layouts and names the offending parameter otherwise', () => {
    // Arrange
    const v = values(6);
    const a = build(v);
    const same = build(values(7));
    const badShape = build({ ...v, 'fc.bias': { shape: [2, 2], data: v['fc.bias'].data } });
    const badNames = build({ 'fc.weight': v['fc.weight'], 'head.bias': v['fc.bias'] });
    // Act / Assert
    withDisposed([a, same, badShape, badNames], () => {
      expect(() => assertSameLayout(a, same, 'test')).not.toThrow();
      expect(() => assertSameLayout(a, badShape, 'fedAvg')).toThrow(/^fedAvg: .*'fc\.bias'.*\(got 2x2, expected 4\)/);
      expect(() => assertSameLayout(a, badNames, 'fedAvg')).toThrow(/head\.bias/);
    });
  });
});

describe('ownership', () => {
  it('cloneParams + disposeParams leave no tensors behind, and the clone is independent', () => {
    // Arrange
    const p = build(values(8));
    // Act / Assert
    withDisposed([p], () => {
      expectNoNewTensors(() => {
        const c = cloneParams(p);
        expect(paramsDigest(c)).toBe(paramsDigest(p));
        disposeParams(c);
      });
      expect(Object.values(p).every((t) => !t.isDisposed)).toBe(true);
    });
  });

  it('mapParams passes names, keeps every key, and its outputs dispose cleanly', () => {
    // Arrange
    const p = build(values(9));
    const seen: string[] = [];
    // Act / Assert
    withDisposed([p], () => {
      expectNoNewTensors(() => {
        const doubled = mapParams(p, (t, name) => {
          seen.push(name);
          return tf.mul(t, 2);
        });
        expect(paramsToJson(doubled)['fc.bias'].values).toEqual(paramsToJson(p)['fc.bias'].values.map((x) => x * 2));
        disposeParams(doubled);
      });
      expect(seen.sort()).toEqual(['fc.bias', 'fc.weight']);
    });
  });
});
