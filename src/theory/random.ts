/**
 * Seeded float64 randomness for the theory layer (which may not import src/tensor). Same idea
 * as tensor/rng.ts: a stream is named by (seed, ...path) and derived by sha256, so results never
 * depend on draw order across streams. Generator: xoshiro128** (Blackman & Vigna 2018).
 */
import { createHash } from 'node:crypto';

/** A deterministic float64 random stream. */
export interface TheoryRng {
  /** Uniform in [0, 1) with 53 bits. */
  next(): number;
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Vector of n standard normals. */
  normals(n: number): number[];
  /** Independent child stream. */
  fork(...path: (string | number)[]): TheoryRng;
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** Make the stream for (seed, ...path). */
export function makeTheoryRng(seed: number, ...path: (string | number)[]): TheoryRng {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`makeTheoryRng: seed must be a non-negative safe integer (got ${seed})`);
  const d = createHash('sha256').update(['theory', seed, ...path].join('/')).digest();
  const s = new Uint32Array([d.readUInt32LE(0), d.readUInt32LE(4), d.readUInt32LE(8), d.readUInt32LE(12)]);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  const u32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const next = (): number => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992;
  const normal = (): number => {
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    nextInt: (n) => Math.floor(next() * n),
    normal,
    normals: (n) => Array.from({ length: n }, normal),
    fork: (...more) => makeTheoryRng(seed, ...path, ...more),
  };
}
