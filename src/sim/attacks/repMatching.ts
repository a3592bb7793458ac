/**
 * The "Rep" attack of Soteria (arXiv 2012.06043) Fig. 3: DLG that matches the representation
 * inferred from the shared update (§3.2) instead of the gradients. Batch 1. The target r̂ is the
 * inferred representation of the strongest class at the input of `model.representationLayer`;
 * the dummy x̂ (randn init, like DLG) minimises a distance between r(x̂) and r̂ with the
 * PyTorch-faithful L-BFGS (notebook defaults unless overridden).
 *
 * Distances: 'cosine' is 1 − cos(r(x̂), r̂), invariant to any positive scale of r̂ (the inference
 * always fixes the sign, but the scale only when the layer has a bias update) and bounded in
 * [0, 2]; 'l2' is ‖r(x̂) − r̂‖². 'auto' (default) uses 'l2' when the target was divided by the bias
 * update (for batch 1 r̂ = ΔW[:, c]/Δb_c is then exactly r, and a scale-invariant loss would throw
 * that information away; and on ReLU nets r(x̂) is asymptotically homogeneous in x̂, so a
 * scale-invariant loss lets ‖x̂‖ drift: on a 5×5 mlp3 at fc2, 40 steps, 5 cases, 'l2' ended below
 * a third of the init image MSE in 4 of 5, 'cosine' blew the image up in 4 of 5) and 'cosine'
 * when only the sign is known.
 */
import { tf, fromFloat64, gaussian, makeRng, toFloat64 } from '../../tensor/index.js';
import { InputError } from '../../errors.js';
import { Lbfgs } from './optim/index.js';
import type { Closure, LbfgsOptions } from './optim/index.js';
import { DLG_DEFAULT_STEPS } from './dlg.js';
import { representationInference } from './representationInference.js';
import type { RepresentationInferenceOptions } from './representationInference.js';
import type { AttackInput, AttackResult, HistoryEntry, IterateHook, Reconstruction } from './types.js';

/** Options of {@link repMatching}. */
export interface RepMatchingOptions {
  /** Seed of the dummy init stream `makeRng(seed, 'repMatching', 'init')`. */
  readonly seed: number;
  /** L-BFGS `step()` calls. @default 300 (as DLG) */
  readonly steps?: number;
  /** @default 'auto' ('l2' when the inferred scale is exact, else 'cosine') */
  readonly distance?: 'auto' | 'cosine' | 'l2';
  /** Options of the representation inference that yields the target. @default {} */
  readonly inference?: RepresentationInferenceOptions;
  /** Overrides of PyTorch's L-BFGS defaults. @default {} */
  readonly lbfgs?: LbfgsOptions;
  /** Snapshot hook for caller-side (ground-truth) metrics; called at iterations 0 … steps. */
  readonly onIterate?: IterateHook;
}

/** The target representation and the class it belongs to, inferred from the wire. */
function inferTarget(input: AttackInput, options: RepresentationInferenceOptions): { label: number; target: Float64Array; exactScale: boolean } {
  const inf = representationInference(input, options);
  const layer = input.model.representationLayer;
  const top = inf.classes[0];
  const hit = top?.layers.find((l) => l.layer === layer);
  if (hit === undefined) {
    throw new InputError(`repMatching: representation layer '${layer}' is not among the inferred FC layers (got [${inf.layers.join(', ')}])`);
  }
  return { label: top.label, target: hit.representation, exactScale: hit.scale === 'bias' };
}

function makeClosure(input: AttackInput, target: Float64Array, distance: 'cosine' | 'l2'): Closure {
  const xShape = [1, ...input.model.inputShape] as [number, number, number, number];
  return (v: Float64Array) => {
    const out = tf.tidy(() => {
      const t = fromFloat64(target, [1, target.length]);
      const f = (x: tf.Tensor): tf.Scalar => {
        const r = input.model.apply(input.params, x as tf.Tensor4D).representation;
        if (distance === 'l2') return tf.sum(tf.squaredDifference(r, t));
        const cos = tf.div(tf.sum(tf.mul(r, t)), tf.mul(tf.norm(r), tf.norm(t)));
        return tf.sub(1, cos) as tf.Scalar;
      };
      return tf.valueAndGrad(f)(fromFloat64(v, xShape));
    });
    const result = { value: toFloat64(out.value)[0], grad: toFloat64(out.grad) };
    tf.dispose([out.value, out.grad]);
    return result;
  };
}

/**
 * Run the Rep attack on a wire-only batch-1 input. Soteria Fig. 3 ("Rep").
 * @returns plain data like {@link AttackResult} of DLG; `labels` is the inferred class.
 * @throws InputError on batch size ≠ 1, bad options, or a representation layer the FC walk misses.
 */
export function repMatching(input: AttackInput, options: RepMatchingOptions): AttackResult {
  const steps = options.steps ?? DLG_DEFAULT_STEPS;
  const requested = options.distance ?? 'auto';
  if (!Number.isInteger(steps) || steps < 0) throw new InputError(`repMatching.steps: must be a non-negative integer (got ${steps})`);
  if (!Number.isInteger(options.seed)) throw new InputError(`repMatching.seed: must be an integer (got ${options.seed})`);
  if (!['auto', 'cosine', 'l2'].includes(requested)) throw new InputError(`repMatching.distance (got ${String(requested)}, expected 'auto', 'cosine' or 'l2')`);
  if (input.knowledge.batchSize !== 1) throw new InputError(`repMatching: knowledge.batchSize (got ${input.knowledge.batchSize}, expected 1)`);
  const t0 = performance.now();
  const { label, target, exactScale } = inferTarget(input, options.inference ?? {});
  const distance = requested === 'auto' ? (exactScale ? 'l2' : 'cosine') : requested;
  const shape = [1, ...input.model.inputShape] as [number, number, number, number];
  const nx = shape.reduce((a, b) => a * b, 1);
  const opt = new Lbfgs(gaussian(makeRng(options.seed, 'repMatching', 'init'), nx), options.lbfgs ?? {});
  const closure = makeClosure(input, target, distance);
  const snap = (): Reconstruction => ({ data: Float32Array.from(opt.x), shape });
  const history: HistoryEntry[] = [];
  let best = { reconstruction: snap(), loss: Number.POSITIVE_INFINITY, iteration: 0 };
  let diverged = false;
  let extraEvals = 0;
  for (let i = 0; i <= steps && !diverged; i++) {
    const view = snap();
    extraEvals = i < steps ? 0 : 1;
    const loss = i < steps ? opt.step(closure) : closure(opt.x).value; // step() returns the loss at the incoming x
    history.push({ iteration: i, loss });
    options.onIterate?.(i, { data: view.data.slice(), shape });
    diverged = !Number.isFinite(loss) || !view.data.every(Number.isFinite);
    if (!diverged && loss < best.loss) best = { reconstruction: view, loss, iteration: i };
  }
  return {
    reconstruction: snap(), labels: [label], history, steps: opt.counters.steps,
    evaluations: opt.counters.evaluations + extraEvals, ms: performance.now() - t0, best, diverged,
  };
}
