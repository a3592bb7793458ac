import { beforeAll, describe, expect, it } from 'vitest';
import { tf } from '../tf.js';
import { initBackend } from '../backend.js';
import { cachedDerived, closeFilterCache, openFilterCache } from './filterCache.js';

// The scoped derived-tensor cache: nothing is cached outside a scope, hits within a scope return
// the same tensor for the same data (also through a clone, which shares the data), and closing
// the last of nested scopes disposes what was cached.

describe('filterCache', () => {
  beforeAll(async () => {
    await initBackend('wasm');
  });

  it('computes every time outside a scope (the caller owns the result)', () => {
    // Arrange
    const w = tf.tensor1d([1, 2, 3]);
    let calls = 0;
    const make = (): tf.Tensor => { calls++; return tf.mul(w, 2); };
    // Act
    const a = cachedDerived(w, 'k', make);
    const b = cachedDerived(w, 'k', make);
    // Assert
    expect(calls).toBe(2);
    expect(a).not.toBe(b);
    tf.dispose([a, b, w]);
  });

  it('memoises per data and key inside nested scopes and disposes on the last close', () => {
    // Arrange
    const w = tf.tensor1d([1, 2, 3]);
    const other = tf.tensor1d([1, 2, 3]);
    const clone = tf.clone(w); // shares w's data
    const before = tf.memory().numTensors;
    let calls = 0;
    const make = (t: tf.Tensor) => (): tf.Tensor => { calls++; return tf.tidy(() => tf.mul(t, 2)); };
    // Act
    openFilterCache();
    openFilterCache();
    const first = cachedDerived(w, 'k', make(w));
    const again = cachedDerived(clone, 'k', make(w));
    const otherKey = cachedDerived(w, 'k2', make(w));
    const otherData = cachedDerived(other, 'k', make(other));
    closeFilterCache();
    const aliveInOuter = !first.isDisposed;
    closeFilterCache();
    // Assert
    expect(again).toBe(first);
    expect(calls).toBe(3);
    expect(otherKey).not.toBe(first);
    expect(otherData).not.toBe(first);
    expect(aliveInOuter).toBe(true);
    expect([first, otherKey, otherData].every((t) => t.isDisposed)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([w, other, clone]);
  });
});
