/**
 * Named parameter (and gradient) collections. Gradients are addressed by layer name
 * (`'conv1.weight'`, `'fc.bias'`), never by list index — the official Soteria code's
 * `original_dy_dx[8]` is exactly the bug this prevents.
 */
import { createHash } from 'node:crypto';
import { tf } from './tf.js';
import { readFloat32 } from './convert.js';

/** A named set of tensors: model parameters, gradients or updates. */
export type ParamMap = Readonly<Record<string, tf.Tensor>>;

/** Parameter names in the fixed (sorted) order used for digests and serialisation. */
export function paramNames(p: ParamMap): string[] {
  return Object.keys(p).sort();
}

/** Apply `fn` to every tensor. Caller owns returned tensors. */
export function mapParams(p: ParamMap, fn: (t: tf.Tensor, name: string) => tf.Tensor): ParamMap {
  const out: Record<string, tf.Tensor> = {};
  for (const name of Object.keys(p)) out[name] = fn(p[name], name);
  return out;
}

/** Dispose every tensor of the map. */
export function disposeParams(p: ParamMap): void {
  for (const t of Object.values(p)) t.dispose();
}

/** Deep copy. Caller owns returned tensors. */
export function cloneParams(p: ParamMap): ParamMap {
  return mapParams(p, (t) => t.clone());
}

/** Total number of scalar parameters. */
export function paramCount(p: ParamMap): number {
  return Object.values(p).reduce((n, t) => n + t.size, 0);
}

/** Shapes by name (plain data). */
export function paramShapes(p: ParamMap): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const name of paramNames(p)) out[name] = [...p[name].shape];
  return out;
}

/** Throws when `b` does not have exactly the names and shapes of `a`. */
export function assertSameLayout(a: ParamMap, b: ParamMap, where: string): void {
  const na = paramNames(a);
  const nb = paramNames(b);
  if (na.join(',') !== nb.join(',')) {
    throw new Error(`${where}: parameter names differ (got [${nb.join(', ')}], expected [${na.join(', ')}])`);
  }
  for (const name of na) {
    const sa = a[name].shape.join('x');
    const sb = b[name].shape.join('x');
    if (sa !== sb) throw new Error(`${where}: shape of '${name}' differs (got ${sb}, expected ${sa})`);
  }
}

/**
 * sha256 over names (sorted) and float32 little-endian bytes of every tensor.
 * Two parameter sets have the same digest iff they are bit-identical.
 */
export function paramsDigest(p: ParamMap): string {
  const h = createHash('sha256');
  for (const name of paramNames(p)) {
    const t = p[name];
    h.update(`${name}:${t.shape.join('x')};`);
    const v = readFloat32(t);
    h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
  return h.digest('hex');
}

/** Plain-data snapshot (for checkpoints and fixtures). */
export function paramsToJson(p: ParamMap): Record<string, { shape: number[]; values: number[] }> {
  const out: Record<string, { shape: number[]; values: number[] }> = {};
  for (const name of paramNames(p)) out[name] = { shape: [...p[name].shape], values: Array.from(readFloat32(p[name])) };
  return out;
}

/** Inverse of `paramsToJson`. Caller owns returned tensors. */
export function paramsFromJson(j: Record<string, { shape: number[]; values: number[] }>): ParamMap {
  const out: Record<string, tf.Tensor> = {};
  for (const name of Object.keys(j).sort()) out[name] = tf.tensor(j[name].values, j[name].shape, 'float32');
  return out;
}
