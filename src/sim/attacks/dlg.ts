/**
 * Deep Leakage from Gradients (Zhu et al. 2019, DLG, Alg. 1), as the official notebook runs it:
 * dummy image x and dummy label logits z from randn, label softmax(z) (or a fixed one-hot when
 * the labels are known: iDLG + DLG), squared-distance gradient matching over the selected
 * parameters, `torch.optim.LBFGS` defaults (lr 1, max_iter 20, max_eval 25, history 100, no line
 * search), `steps` optimizer steps (notebook: 300). Images live in [0, 1] space, unnormalised.
 */
import { gaussian, makeRng } from '../../tensor/index.js';
import { Lbfgs } from './optim/index.js';
import type { LbfgsOptions } from './optim/index.js';
import { imageSize, makeDlgClosure } from './dlgClosure.js';
import type { DlgLayout } from './dlgClosure.js';
import { selectGradients } from './selectGradients.js';
import { validateAttackInput } from './validateAttackInput.js';
import type { AttackInput, AttackResult, GradientSelection, HistoryEntry, IterateHook, Reconstruction } from './types.js';
import { InputError } from '../../errors.js';

/** DLG options. */
export interface DlgOptions {
  /** Seed of the dummy init stream `makeRng(seed, 'dlg', 'init')`. */
  readonly seed: number;
  /** L-BFGS `step()` calls. @default 300 (the notebook) */
  readonly steps?: number;
  /** Gradients to match. @default 'all' */
  readonly selection?: GradientSelection;
  /** Overrides of PyTorch's L-BFGS defaults. @default {} */
  readonly lbfgs?: LbfgsOptions;
  /** Snapshot hook for caller-side (ground-truth) metrics; called at iterations 0 … steps. */
  readonly onIterate?: IterateHook;
}

/** DLG's default number of L-BFGS steps (official notebook). */
export const DLG_DEFAULT_STEPS = 300;

function layoutOf(input: AttackInput): DlgLayout {
  const { model, knowledge } = input;
  const b = knowledge.batchSize;
  const xShape = [b, ...model.inputShape] as const;
  if (knowledge.labels === undefined) return { xShape, zShape: [b, model.numClasses] };
  const k = model.numClasses;
  const knownOneHot = new Float32Array(b * k);
  knowledge.labels.forEach((l, i) => (knownOneHot[i * k + l] = 1));
  return { xShape, knownOneHot };
}

function argmaxRows(v: Float64Array, offset: number, rows: number, k: number): number[] {
  return Array.from({ length: rows }, (_, r) => {
    let best = 0;
    for (let c = 1; c < k; c++) if (v[offset + r * k + c] > v[offset + r * k + best]) best = c;
    return best;
  });
}

/**
 * Run DLG on the wire-only input. Zhu et al. 2019, Alg. 1 (notebook settings by default).
 * @returns Plain data: final and best-by-loss dummies, loss per iteration, counters; the run stops
 *   early with `diverged: true` when the loss or the dummy becomes non-finite.
 */
export function dlg(input: AttackInput, options: DlgOptions): AttackResult {
  const steps = options.steps ?? DLG_DEFAULT_STEPS;
  if (!Number.isInteger(steps) || steps < 0) throw new InputError(`dlg.steps: must be a non-negative integer (got ${steps})`);
  if (!Number.isInteger(options.seed)) throw new InputError(`dlg.seed: must be an integer (got ${options.seed})`);
  const names = selectGradients(input.model, options.selection ?? 'all');
  validateAttackInput('dlg', input, names);
  const t0 = performance.now();
  const layout = layoutOf(input);
  const nx = imageSize(layout);
  const nz = layout.zShape === undefined ? 0 : layout.zShape[0] * layout.zShape[1];
  const rng = makeRng(options.seed, 'dlg', 'init');
  const x0 = new Float64Array(nx + nz);
  x0.set(gaussian(rng, nx), 0);
  x0.set(gaussian(rng, nz), nx);
  const opt = new Lbfgs(x0, options.lbfgs ?? {});
  const closure = makeDlgClosure(input.model, input.params, input.shared.grads, names, layout);
  const snap = (v: Float64Array): Reconstruction => ({ data: Float32Array.from(v.subarray(0, nx)), shape: layout.xShape });
  const history: HistoryEntry[] = [];
  let best = { reconstruction: snap(opt.x), loss: Number.POSITIVE_INFINITY, iteration: 0 };
  let diverged = false;
  let extraEvals = 0;
  const record = (iteration: number, loss: number, view: Reconstruction): boolean => {
    history.push({ iteration, loss });
    options.onIterate?.(iteration, { data: view.data.slice(), shape: view.shape }); // the caller's own copy
    if (!Number.isFinite(loss) || !view.data.every(Number.isFinite)) return false;
    if (loss < best.loss) best = { reconstruction: view, loss, iteration };
    return true;
  };
  for (let i = 0; i < steps && !diverged; i++) {
    const view = snap(opt.x);
    diverged = !record(i, opt.step(closure), view); // step() returns the loss at the incoming x
  }
  if (!diverged) {
    extraEvals = 1;
    const view = snap(opt.x);
    diverged = !record(history.length, closure(opt.x).value, view);
  }
  const labels = input.knowledge.labels ?? argmaxRows(opt.x, nx, layout.xShape[0], input.model.numClasses);
  return {
    reconstruction: snap(opt.x), labels: [...labels], history, steps: opt.counters.steps,
    evaluations: opt.counters.evaluations + extraEvals, ms: performance.now() - t0, best, diverged,
  };
}
