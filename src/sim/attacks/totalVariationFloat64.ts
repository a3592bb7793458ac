/**
 * The anisotropic total variation of totalVariation.ts, with its gradient, in plain float64 on
 * the flat NHWC dummy (cheaper than a tensor op graph for one image). Differences are taken
 * between float32-rounded values, so the sign pattern (and the gradient, sign 0 at ties) is the
 * tensor version's exactly.
 */

/** TV(x) and ∂TV/∂x for x of shape [B, H, W, C] (H, W ≥ 2). */
export function totalVariationFloat64(x: Float64Array, shape: readonly [number, number, number, number]): { value: number; grad: Float64Array } {
  const [b, h, w, c] = shape;
  if (h < 2 || w < 2 || x.length !== b * h * w * c) {
    throw new RangeError(`totalVariationFloat64: x must be [B, H, W, C] with H, W ≥ 2 (got ${x.length} values for [${shape.join(', ')}])`);
  }
  const grad = new Float64Array(x.length);
  const f = Math.fround;
  let sx = 0;
  let sy = 0;
  const nx = b * h * (w - 1) * c;
  const ny = b * (h - 1) * w * c;
  const add = (i: number, j: number, n: number): number => {
    const d = f(x[j]) - f(x[i]);
    const s = Math.sign(d) / n;
    grad[j] += s;
    grad[i] -= s;
    return Math.abs(d);
  };
  for (let n = 0; n < b; n++) {
    for (let r = 0; r < h; r++) {
      for (let col = 0; col < w; col++) {
        for (let ch = 0; ch < c; ch++) {
          const i = ((n * h + r) * w + col) * c + ch;
          if (col + 1 < w) sx += add(i, i + c, nx);
          if (r + 1 < h) sy += add(i, i + w * c, ny);
        }
      }
    }
  }
  return { value: sx / nx + sy / ny, grad };
}
