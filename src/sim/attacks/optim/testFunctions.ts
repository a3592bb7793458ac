/**
 * Test objectives for the optimizers (float64, analytic gradients): the n-D Rosenbrock function
 * and convex quadratics. Used by unit and property tests only.
 */
import type { Closure } from './types.js';

/** f(x) = Σᵢ 100 (xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², minimum 0 at (1, …, 1). */
export const rosenbrock: Closure = (x) => {
  const grad = new Float64Array(x.length);
  let value = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const a = x[i + 1] - x[i] * x[i];
    const b = 1 - x[i];
    value += 100 * a * a + b * b;
    grad[i] += -400 * a * x[i] - 2 * b;
    grad[i + 1] += 200 * a;
  }
  return { value, grad };
};

/**
 * f(x) = ½ xᵀAx − bᵀx for a dense symmetric A (row-major rows).
 * @returns The closure.
 */
export function quadratic(A: readonly (readonly number[])[], b: readonly number[]): Closure {
  return (x) => {
    const grad = new Float64Array(x.length);
    let value = 0;
    for (let i = 0; i < x.length; i++) {
      let ax = 0;
      for (let j = 0; j < x.length; j++) ax += A[i][j] * x[j];
      grad[i] = ax - b[i];
      value += 0.5 * x[i] * ax - b[i] * x[i];
    }
    return { value, grad };
  };
}
