/**
 * A scoped cache of tensors derived from a kernel input (the polyphase, flipped filter of
 * Conv2DBackpropInput), keyed by the input's data and a string. Off by default; `retainedVjp`
 * opens a scope for its lifetime, during which the same weights are backpropagated through
 * hundreds of times (Soteria's per-feature loop: 768 passes, 4 convolutions each). tfjs
 * tensor data is immutable, so a dataId identifies the values — but not the shape (Reshape and
 * Identity share a dataId), so callers put the shape and dtype in the key. Closing the last
 * scope disposes every cached tensor.
 */
import { tf } from '../tf.js';

let depth = 0;
const cache = new Map<object, Map<string, tf.Tensor>>();

/** Open a caching scope (scopes nest). */
export function openFilterCache(): void {
  depth++;
}

/** Close a caching scope; the last one disposes the cached tensors. */
export function closeFilterCache(): void {
  depth = Math.max(0, depth - 1);
  if (depth > 0) return;
  for (const entries of cache.values()) for (const t of entries.values()) t.dispose();
  cache.clear();
}

/**
 * `make()` (run inside the caller's tidy), memoised per (dataId, key) while a scope is open.
 * @returns a tensor the caller must NOT dispose when cached (it is kept until the scope closes).
 */
export function cachedDerived<T extends tf.Tensor>(source: { dataId: object }, key: string, make: () => T): T {
  if (depth === 0) return make();
  let entries = cache.get(source.dataId);
  if (entries === undefined) cache.set(source.dataId, (entries = new Map()));
  const hit = entries.get(key);
  if (hit !== undefined && !hit.isDisposed) return hit as T;
  const made = tf.keep(make());
  entries.set(key, made);
  return made;
}
