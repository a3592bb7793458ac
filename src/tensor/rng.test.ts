/**
 * Tests of the seeded streams. Statistical thresholds: KS at α = 0.001 (critical value
 * sqrt(-ln(α/2)/2)/sqrt(n) ≈ 1.95/sqrt(n); α is Bonferroni-split with samplers.test.ts) and
 * chi-square critical values at α = 0.001 from standard tables. Seeds are fixed, so the tests
 * are deterministic.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveSeed, makeRng, shuffled } from './rng.js';

const KS_ALPHA = 0.001;
const CHI2_CRIT_ALPHA001: Readonly<Record<number, number>> = { 5: 20.515, 9: 27.877 };

function chiSquare(counts: readonly number[], expected: number): number {
  return counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
}

/**
 * Independent reference: xoshiro128** exactly as in Blackman & Vigna's C code, in BigInt
 * arithmetic mod 2^32, with the state seeded (as rng.ts documents) from the first 16 bytes of
 * sha256(JSON.stringify([seed, ...path])) read as little-endian uint32s.
 */
function referenceXoshiro(id: string, count: number): number[] {
  const M = 0xffffffffn;
  const d = createHash('sha256').update(id).digest();
  const s = [0, 4, 8, 12].map((o) => BigInt(d.readUInt32LE(o)));
  const rotl = (x: bigint, k: bigint): bigint => ((x << k) | (x >> (32n - k))) & M;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(Number((rotl((s[1] * 5n) & M, 7n) * 9n) & M));
    const t = (s[1] << 9n) & M;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
  }
  return out;
}

describe('makeRng', () => {
  it('matches an independent xoshiro128** reference', () => {
    // Arrange
    const rng = makeRng(42, 'round', 3, 'client', 17);
    // Act
    const got = Array.from({ length: 1000 }, () => rng.nextUint32());
    // Assert
    expect(got).toEqual(referenceXoshiro('[42,"round",3,"client",17]', 1000));
  });

  it('keeps paths that print alike apart (2 vs "2", "a/b" vs "a","b")', () => {
    // Arrange
    const first = (seed: number, ...path: (string | number)[]): number => makeRng(seed, ...path).nextUint32();
    // Act / Assert
    expect(first(1, 'round', 2)).not.toBe(first(1, 'round', '2'));
    expect(first(1, 'a/b')).not.toBe(first(1, 'a', 'b'));
  });

  it('is deterministic: same (seed, path) → same values; other seed or path → other values', () => {
    // Arrange
    const draw = (seed: number, ...path: (string | number)[]): number[] => {
      const r = makeRng(seed, ...path);
      return Array.from({ length: 64 }, () => r.next());
    };
    // Act
    const a = draw(5, 'x', 1);
    // Assert
    expect(draw(5, 'x', 1)).toEqual(a);
    expect(draw(6, 'x', 1)).not.toEqual(a);
    expect(draw(5, 'x', 2)).not.toEqual(a);
    expect(draw(5)).not.toEqual(a);
  });

  it('is path-independent: makeRng(s, ...p, ...q) equals makeRng(s, ...p).fork(...q)', () => {
    // Arrange
    const direct = makeRng(1, 'round', 2, 'client', 9);
    const parent = makeRng(1);
    parent.next(); // a parent's own draws must not affect its children
    // Act
    const viaFork = parent.fork('round', 2).fork('client', 9);
    // Assert
    expect(viaFork.id).toBe(direct.id);
    expect(Array.from({ length: 32 }, () => viaFork.nextUint32())).toEqual(Array.from({ length: 32 }, () => direct.nextUint32()));
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('rejects the invalid seed %s', (seed) => {
    // Arrange / Act / Assert
    expect(() => makeRng(seed)).toThrow(RangeError);
    expect(() => makeRng(seed)).toThrow(/seed/);
  });
});

describe('Rng.next / nextInt', () => {
  it('next() is uniform on [0, 1) (KS)', () => {
    // Arrange
    const n = 50_000;
    const rng = makeRng(3, 'uniformity');
    // Act
    const s = Float64Array.from({ length: n }, () => rng.next()).sort();
    let d = 0;
    for (let i = 0; i < n; i++) d = Math.max(d, (i + 1) / n - s[i], s[i] - i / n);
    // Assert
    expect(s[0]).toBeGreaterThanOrEqual(0);
    expect(s[n - 1]).toBeLessThan(1);
    expect(d).toBeLessThan(Math.sqrt(-Math.log(KS_ALPHA / 2) / 2) / Math.sqrt(n));
  });

  it('nextInt(10) stays in range and is uniform (chi-square, 9 df)', () => {
    // Arrange
    const [n, k] = [50_000, 10];
    const rng = makeRng(4, 'ints');
    const counts = new Array<number>(k).fill(0);
    // Act
    for (let i = 0; i < n; i++) {
      const v = rng.nextInt(k);
      if (!Number.isInteger(v) || v < 0 || v >= k) throw new Error(`nextInt out of range: ${v}`);
      counts[v]++;
    }
    // Assert
    expect(chiSquare(counts, n / k)).toBeLessThan(CHI2_CRIT_ALPHA001[9]);
  });

  it('nextInt covers edge sizes: 1 → always 0, 2^40 → integers in range', () => {
    // Arrange
    const rng = makeRng(4, 'edges');
    // Act
    const ones = Array.from({ length: 100 }, () => rng.nextInt(1));
    const big = Array.from({ length: 100 }, () => rng.nextInt(2 ** 40));
    // Assert
    expect(ones.every((v) => v === 0)).toBe(true);
    expect(big.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 40)).toBe(true);
  });

  it.each([0, -3, 2.5, Number.NaN])('nextInt rejects n = %s', (n) => {
    // Arrange
    const rng = makeRng(4);
    // Act / Assert
    expect(() => rng.nextInt(n)).toThrow(RangeError);
  });
});

describe('deriveSeed / shuffled', () => {
  it('deriveSeed is deterministic, a 31-bit integer, and differs by path', () => {
    // Arrange / Act
    const seeds = ['a', 'b', 'c'].map((p) => deriveSeed(10, p));
    // Assert
    expect(deriveSeed(10, 'a')).toBe(seeds[0]);
    expect(seeds.every((s) => Number.isInteger(s) && s >= 0 && s < 2 ** 31)).toBe(true);
    expect(new Set(seeds).size).toBe(3);
  });

  it('shuffled returns a permutation and leaves the input untouched', () => {
    // Arrange
    const xs = Array.from({ length: 100 }, (_, i) => i * 3);
    const before = [...xs];
    // Act
    const ys = shuffled(makeRng(12, 'perm'), xs);
    // Assert
    expect(xs).toEqual(before);
    expect([...ys].sort((a, b) => a - b)).toEqual(before);
    expect(ys).not.toEqual(before);
  });

  it('shuffled makes all 6 orders of 3 items equally likely (chi-square, 5 df)', () => {
    // Arrange
    const n = 12_000;
    const rng = makeRng(13, 'perm3');
    const counts = new Map<string, number>();
    // Act
    for (let i = 0; i < n; i++) {
      const key = shuffled(rng, ['a', 'b', 'c']).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    // Assert
    expect(counts.size).toBe(6);
    expect(chiSquare([...counts.values()], n / 6)).toBeLessThan(CHI2_CRIT_ALPHA001[5]);
  });
});
