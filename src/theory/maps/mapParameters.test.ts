import { describe, expect, it } from 'vitest';
import type { TanhNet } from './couplingMap.js';
import { buildMap, mapFromParameters, mapParameters, samplePoint, type MapFamily, type MapParameters, type MapSpec } from './buildMap.js';

const FAMILIES: MapFamily[] = ['affine', 'leakyReluMlp', 'tanhMlp', 'smoothMlp', 'coupling'];
/** Plain-JS re-evaluation may differ from the map's own f only by rounding. */
const REBUILD_REL = 1e-13;

const dot = (w: readonly number[], v: readonly number[]): number => w.reduce((acc, x, k) => acc + x * v[k], 0);

/** f from the exported plain data only, written independently of mlpMap/couplingMap. */
function plainF(p: MapParameters, x0: readonly number[]): number[] {
  let x = [...x0];
  if (p.family === 'coupling') {
    const net = (n: TanhNet, u: number[]): number[] => {
      const h = n.W1.map((row, i) => Math.tanh(dot(row, u) + n.c1[i]));
      return n.W2.map((row) => dot(row, h));
    };
    for (const l of p.layers) {
      const xp = l.perm.map((i) => x[i]);
      const a = xp.slice(0, l.split);
      const s = net(l.s, a);
      const t = net(l.t, a);
      x = [...a, ...xp.slice(l.split).map((v, i) => v * Math.exp(s[i]) + t[i])];
    }
    return x;
  }
  const a = p.param;
  const act = { affine: (z: number) => z, leakyReluMlp: (z: number) => (z >= 0 ? z : a * z), tanhMlp: Math.tanh, smoothMlp: (z: number) => z + a * Math.tanh(z) }[p.family];
  for (const { W, b } of p.layers) x = W.map((row, i) => act(dot(row, x) + b[i]));
  return x;
}

describe('mapParameters / mapFromParameters', () => {
  for (const family of FAMILIES) {
    it(`${family}: f rebuilt in plain JS from the JSON parameters equals the TheoryMap's f(x0)`, () => {
      // Arrange: depth 3 so every layer must be exported; parameters go through JSON like the bench file
      const spec: MapSpec = { family, dim: 6, kappa: 100, depth: 3, param: family === 'leakyReluMlp' ? 0.1 : 0.5, seed: 17 };
      const x0 = samplePoint(spec, 4);
      const exported = JSON.parse(JSON.stringify(mapParameters(spec))) as MapParameters;
      // Act
      const expected = buildMap(spec).f(x0);
      const rebuilt = plainF(exported, x0);
      // Assert
      const scale = Math.max(1, ...expected.map(Math.abs));
      expect(rebuilt).toHaveLength(spec.dim);
      rebuilt.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(REBUILD_REL * scale));
      expect(exported.layers).toHaveLength(family === 'affine' ? 1 : spec.depth);
    });

    it(`${family}: mapFromParameters(mapParameters(spec)) is buildMap(spec)`, () => {
      // Arrange
      const spec: MapSpec = { family, dim: 5, kappa: 1e4, depth: 2, param: family === 'smoothMlp' ? -0.5 : 0.5, seed: 3 };
      const x = samplePoint(spec, 9);
      // Act
      const a = buildMap(spec);
      const b = mapFromParameters(mapParameters(spec));
      // Assert: bit-identical values, inverse and Jacobians
      const r = a.f(x);
      expect(b.f(x)).toEqual(r);
      expect(b.inverse?.(r)).toEqual(a.inverse?.(r));
      expect(b.jacobian(x)).toEqual(a.jacobian(x));
      expect(b.inverseJacobian?.(r)).toEqual(a.inverseJacobian?.(r));
    });
  }

  it('invalid dims are RangeErrors', () => {
    // Act / Assert
    expect(() => mapParameters({ family: 'affine', dim: 0, kappa: 1, depth: 1, param: 0, seed: 1 })).toThrow(RangeError);
    expect(() => mapParameters({ family: 'coupling', dim: 1, kappa: 1, depth: 2, param: 0, seed: 1 })).toThrow(RangeError);
  });
});
