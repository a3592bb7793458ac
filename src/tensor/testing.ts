/**
 * Test helpers that need tfjs (so they live in the tensor layer). Used by unit tests and
 * property laws; never by production code paths.
 */
import { tf } from './tf.js';

/**
 * Run `fn` and throw if it leaves more tensors alive than before (tfjs `numTensors` idiom).
 * Works for sync and async functions.
 */
export function expectNoNewTensors<T>(fn: () => T): T {
  const before = tf.memory().numTensors;
  const check = (): void => {
    const after = tf.memory().numTensors;
    if (after !== before) throw new Error(`expectNoNewTensors: ${after - before} tensor(s) leaked (before ${before}, after ${after})`);
  };
  const out = fn();
  if (out instanceof Promise) {
    return out.then((v) => {
      check();
      return v;
    }) as T;
  }
  check();
  return out;
}

/**
 * max|ref − got| / max|ref| over all entries (the absolute error when ref is all zero): the
 * kernel and fast-path tests' comparison of a result with its reference.
 */
export function maxRelativeError(ref: ArrayLike<number>, got: ArrayLike<number>): number {
  let d = 0;
  let m = 0;
  for (let i = 0; i < ref.length; i++) {
    d = Math.max(d, Math.abs(ref[i] - got[i]));
    m = Math.max(m, Math.abs(ref[i]));
  }
  return m === 0 ? d : d / m;
}

/** Number of live tensors (for leak tests over many rounds). */
export function liveTensors(): number {
  return tf.memory().numTensors;
}
