/**
 * Seeded random streams. Every draw in soteria-lab comes from an `Rng` made by
 * `makeRng(seed, ...path)`, where `path` names the purpose, e.g. `makeRng(seed, 'round', 3,
 * 'client', 17, 'batches')`. Streams are derived by hashing (seed, path), so a result never
 * depends on the order in which rounds, clients or attacks are executed.
 *
 * Generator: xoshiro128** (Blackman & Vigna 2018), 128-bit state from sha256(seed, path).
 */
import { createHash } from 'node:crypto';

export type StreamKey = string | number;

/** A deterministic stream of random numbers. */
export interface Rng {
  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
  /** An independent child stream named by `path` (same as makeRng(seed, ...parentPath, ...path)). */
  fork(...path: StreamKey[]): Rng;
  /** The (seed, path) this stream was made from, for provenance. */
  readonly id: string;
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`makeRng: seed must be a non-negative safe integer (got ${seed})`);
  }
}

/** Make the stream for (seed, ...path). */
export function makeRng(seed: number, ...path: StreamKey[]): Rng {
  checkSeed(seed);
  // JSON keeps 2 and '2', or 'a/b' and ('a', 'b'), apart: distinct paths give distinct streams.
  const id = JSON.stringify([seed, ...path]);
  const d = createHash('sha256').update(id).digest();
  const s = new Uint32Array([d.readUInt32LE(0), d.readUInt32LE(4), d.readUInt32LE(8), d.readUInt32LE(12)]);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is a fixed point
  const nextUint32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  };
  const next = (): number => {
    const a = nextUint32() >>> 5; // 27 bits
    const b = nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  };
  const nextInt = (n: number): number => {
    if (!Number.isSafeInteger(n) || n <= 0) throw new RangeError(`Rng.nextInt: n must be a positive integer (got ${n})`);
    return Math.floor(next() * n);
  };
  return { nextUint32, next, nextInt, fork: (...more) => makeRng(seed, ...path, ...more), id };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A 31-bit integer seed derived from (seed, ...path), for APIs that want a number. */
export function deriveSeed(seed: number, ...path: StreamKey[]): number {
  return makeRng(seed, ...path).nextUint32() >>> 1;
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(rng: Rng, xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
