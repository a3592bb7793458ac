/** Entry-point validation shared by the image metrics. */
import type { ImageBatch, MetricSpace } from './types.js';

const SPACES: readonly MetricSpace[] = ['pixels01', 'normalised'];

/** Throw unless `b` is a well-formed NHWC batch whose data length matches its shape. */
export function validateImageBatch(fn: string, name: string, b: ImageBatch): void {
  const s = b.shape;
  if (s.length !== 4 || !s.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new RangeError(`${fn}: ${name}.shape must be 4 positive integers (got [${s.join(', ')}], expected [N, H, W, C])`);
  }
  const n = s[0] * s[1] * s[2] * s[3];
  if (b.data.length !== n) {
    throw new RangeError(`${fn}: ${name}.data length does not match its shape (got ${b.data.length}, expected ${n} for [${s.join(', ')}])`);
  }
}

/** Validate a pair of batches with identical shapes, and the space label. */
export function validateImagePair(fn: string, a: ImageBatch, b: ImageBatch, space: MetricSpace): void {
  validateImageBatch(fn, 'a', a);
  validateImageBatch(fn, 'b', b);
  if (!a.shape.every((d, i) => d === b.shape[i])) {
    throw new RangeError(`${fn}: shapes differ (got [${a.shape.join(', ')}] and [${b.shape.join(', ')}], expected equal shapes)`);
  }
  if (!SPACES.includes(space)) {
    throw new RangeError(`${fn}: unknown space (got '${String(space)}', expected 'pixels01' or 'normalised')`);
  }
}

/** Throw unless `dataRange` is a positive finite number. */
export function validateDataRange(fn: string, dataRange: number): void {
  if (!(Number.isFinite(dataRange) && dataRange > 0)) {
    throw new RangeError(`${fn}: dataRange must be positive and finite (got ${dataRange}, expected e.g. 1)`);
  }
}

/** Image `i` of a batch as a batch of one (a view, no copy). */
export function imageAt(b: ImageBatch, i: number): ImageBatch {
  const [, h, w, c] = b.shape;
  const size = h * w * c;
  return { data: b.data.subarray(i * size, (i + 1) * size), shape: [1, h, w, c] };
}

/** Mean of a non-empty list. */
export function meanOf(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}
