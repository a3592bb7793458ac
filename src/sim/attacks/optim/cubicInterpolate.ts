/**
 * Minimiser of the cubic interpolating (x1, f1, g1) and (x2, f2, g2), clamped to `bounds`
 * (default: the interval between x1 and x2); the midpoint of the bounds when the cubic has no
 * real minimiser. Same arithmetic as PyTorch's `_cubic_interpolate` (torch/optim/lbfgs.py,
 * itself from torch7's polyinterp.lua).
 * @param bounds - [min, max] of the admissible step.
 * @returns The interpolated step.
 */
export function cubicInterpolate(
  x1: number, f1: number, g1: number,
  x2: number, f2: number, g2: number,
  bounds?: readonly [number, number],
): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 * d1 - g1 * g2;
  if (!(d2Square >= 0)) return (lo + hi) / 2;
  const d2 = Math.sqrt(d2Square);
  const minPos = x1 <= x2
    ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2))
    : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
  return pyMin(pyMax(minPos, lo), hi);
}

// Python's min/max: return the first argument unless the second is strictly smaller/larger
// (differs from Math.min/max only for NaN and signed zeros).
function pyMax(a: number, b: number): number {
  return b > a ? b : a;
}

function pyMin(a: number, b: number): number {
  return b < a ? b : a;
}
