// The smallest valid map module: only `dim` and `f`. The checker computes the Jacobian by
// finite differences and the inverse by Newton, and says so in the report's notes.
export const dim = 3;

export function f(x) {
  return [x[0] + 0.5 * Math.tanh(x[1]), x[1] + 0.5 * Math.tanh(x[2]), x[2] + 0.5 * Math.tanh(x[0])];
}
