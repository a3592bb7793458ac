/**
 * Scalar activations of the invertible map families (theory-spec §3.1), with derivative and
 * inverse. `inverseDerivative` is computed from y directly (forward mode through the inverse),
 * never as 1/σ'(x); it is absent when the inverse is a Newton iteration.
 */

/** A scalar bijection R → range with what the checkers need. */
export interface Activation {
  readonly name: string;
  /** Global Lipschitz constant of σ. */
  readonly lipschitz: number;
  readonly smooth: boolean;
  apply(z: number): number;
  derivative(z: number): number;
  inverse(y: number): number;
  inverseDerivative?(y: number): number;
  /** Whether y is in σ's range. */
  inRange(y: number): boolean;
}

/** Leaky ReLU with slope alpha ∈ (0, 1) on the negative side. */
export function leakyRelu(alpha: number): Activation {
  return {
    name: `leakyRelu(${alpha})`,
    lipschitz: 1,
    smooth: false,
    apply: (z) => (z >= 0 ? z : alpha * z),
    derivative: (z) => (z >= 0 ? 1 : alpha),
    inverse: (y) => (y >= 0 ? y : y / alpha),
    inverseDerivative: (y) => (y >= 0 ? 1 : 1 / alpha),
    inRange: (y) => Number.isFinite(y),
  };
}

/** tanh, inverse atanh on (−1, 1). */
export const tanhActivation: Activation = {
  name: 'tanh',
  lipschitz: 1,
  smooth: true,
  apply: Math.tanh,
  derivative: (z) => 1 - Math.tanh(z) ** 2,
  inverse: Math.atanh,
  inverseDerivative: (y) => 1 / (1 - y * y),
  inRange: (y) => Math.abs(y) < 1,
};

/** σ(z) = z + a·tanh z, a ∈ (−1, 3]; inverse by scalar Newton to |residual| ≤ 1e-15. */
export function smoothActivation(a: number): Activation {
  const apply = (z: number): number => z + a * Math.tanh(z);
  const derivative = (z: number): number => 1 + a * (1 - Math.tanh(z) ** 2);
  return {
    name: `z+${a}·tanh(z)`,
    lipschitz: 1 + Math.max(a, 0),
    smooth: true,
    apply,
    derivative,
    inverse: (y) => {
      let z = y / (1 + Math.max(a, 0));
      for (let it = 0; it < 200; it++) {
        const res = apply(z) - y;
        if (Math.abs(res) <= 1e-15 * Math.max(1, Math.abs(y))) break;
        z -= res / derivative(z);
      }
      return z;
    },
    inRange: (y) => Number.isFinite(y),
  };
}
