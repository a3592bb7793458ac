/**
 * Adam (Kingma & Ba 2015) with PyTorch's `torch.optim.Adam` arithmetic and bias correction, on a
 * flat float64 vector, plus the extras of inverting gradients (Geiping et al. 2020, GS): signed
 * gradients, a MultiStepLR schedule and a box projection after every step.
 * Symbols: m, v (first/second moments), β1, β2, ε, k (1-based step count), η (learning rate).
 */
import { resolveAdamOptions } from './resolveAdamOptions.js';
import type { AdamOptions, ResolvedAdamOptions } from './resolveAdamOptions.js';

/** Adam optimizer; owns and updates the parameter vector `x` in place. */
export class Adam {
  /** The parameters (updated in place by `step`). */
  readonly x: Float64Array;
  /** The resolved options. */
  readonly options: ResolvedAdamOptions;
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private k = 0;

  /**
   * @param x0 - initial parameters (copied, not projected: GS projects only after steps).
   * @param options - see {@link AdamOptions}.
   */
  constructor(x0: ArrayLike<number>, options: AdamOptions = {}) {
    this.x = Float64Array.from(x0);
    this.options = resolveAdamOptions(options, this.x.length);
    this.m = new Float64Array(this.x.length);
    this.v = new Float64Array(this.x.length);
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.k;
  }

  /** The learning rate the next step uses: η·γ^(#milestones ≤ steps), as MultiStepLR. */
  get lr(): number {
    const passed = this.options.milestones.filter((ms) => ms <= this.k).length;
    return this.options.lr * this.options.gamma ** passed;
  }

  /**
   * One Adam step with gradient g (replaced by sign(g) when `signed`), then the box projection.
   * @param grad - ∇f at the current x.
   */
  step(grad: ArrayLike<number>): void {
    const n = this.x.length;
    if (grad.length !== n) throw new RangeError(`Adam.step: gradient has the wrong length (got ${grad.length}, expected ${n})`);
    const { beta1, beta2, eps, signed } = this.options;
    const lr = this.lr;
    this.k += 1;
    const stepSize = lr / (1 - beta1 ** this.k);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** this.k);
    for (let i = 0; i < n; i++) {
      const g = signed ? Math.sign(grad[i]) : grad[i];
      this.m[i] = this.m[i] * beta1 + g * (1 - beta1);
      this.v[i] = this.v[i] * beta2 + g * g * (1 - beta2);
      this.x[i] += -stepSize * (this.m[i] / (Math.sqrt(this.v[i]) / bc2Sqrt + eps));
    }
    this.project();
  }

  // x ← min(max(x, lo), hi) per coordinate (GS: `torch.max(torch.min(x, hi), lo)`).
  private project(): void {
    const box = this.options.box;
    if (box === undefined) return;
    for (let i = 0; i < this.x.length; i++) this.x[i] = Math.max(Math.min(this.x[i], box.hi[i]), box.lo[i]);
  }
}
