/**
 * Inverting gradients (Geiping et al. 2020, "Inverting Gradients — How easy is it to break
 * privacy in federated learning?", GS in Soteria §6), as `inversefed.GradientReconstructor` runs
 * it in Soteria's GS script: dummy x ~ randn in the model's (normalised) input space, cost 'sim'
 * (1 − cosine of the concatenated gradients) + λ_TV·TV, known labels, Adam lr 0.1 with sign(∇),
 * MultiStepLR γ 0.1 at ≈ 3/8, 5/8, 7/8 of the run, projection onto the normalised [0, 1] box after
 * every step; R restarts, the one with the lowest final 'sim' cost (no TV, `_score_trial`) wins.
 */
import { gaussian, makeRng, toFloat64 } from '../../tensor/index.js';
import { InputError } from '../../errors.js';
import { Adam } from './optim/index.js';
import { makeGsClosure } from './gsClosure.js';
import type { GsClosure, GsLayout } from './gsClosure.js';
import { resolveGsOptions } from './gsOptions.js';
import type { GsIterateHook, GsOptions, ResolvedGsOptions } from './gsOptions.js';
import { selectGradients } from './selectGradients.js';
import { validateAttackInput } from './validateAttackInput.js';
import type { AttackInput, AttackResult, HistoryEntry, Reconstruction } from './types.js';

/** What GS returns: an {@link AttackResult} for the winning restart, plus every restart's score. */
export interface GsResult extends AttackResult {
  /** Index of the winning restart (its `history`, `best` and final dummy are reported). */
  readonly restart: number;
  /** Final 'sim' cost of each restart (NaN if it diverged): the code's restart score. */
  readonly restartScores: readonly number[];
}

interface RestartRun {
  readonly final: Reconstruction;
  readonly history: HistoryEntry[];
  readonly best: AttackResult['best'];
  readonly diverged: boolean;
  readonly score: number;
  readonly steps: number;
  readonly evaluations: number;
}

function runRestart(closure: GsClosure, layout: GsLayout, o: ResolvedGsOptions, restart: number, hook?: GsIterateHook): RestartRun {
  const nx = layout.xShape.reduce((a, b) => a * b, 1);
  const opt = new Adam(gaussian(makeRng(o.seed, 'gs', 'init', restart), nx), o.adam);
  const snap = (): Reconstruction => ({ data: Float32Array.from(opt.x), shape: layout.xShape });
  const history: HistoryEntry[] = [];
  let best = { reconstruction: snap(), loss: Number.POSITIVE_INFINITY, iteration: 0 };
  let evaluations = 0;
  const evaluate = (iteration: number): { ok: boolean; grad: Float64Array; cost: number } => {
    const view = snap();
    const ev = closure(opt.x);
    evaluations += 1;
    history.push({ iteration, loss: ev.value });
    hook?.(iteration, { data: view.data.slice(), shape: view.shape }, restart); // the caller's own copy
    const ok = Number.isFinite(ev.value) && view.data.every(Number.isFinite);
    if (ok && ev.value < best.loss) best = { reconstruction: view, loss: ev.value, iteration };
    return { ok, grad: ev.grad, cost: ev.cost };
  };
  for (let i = 0; i < o.iterations; i++) {
    const ev = evaluate(i); // the loss at the incoming x, as the code's `optimizer.step(closure)`
    if (!ev.ok) return { final: snap(), history, best, diverged: true, score: Number.NaN, steps: opt.steps, evaluations };
    opt.step(ev.grad);
  }
  const last = evaluate(o.iterations);
  const score = last.ok && Number.isFinite(last.cost) ? last.cost : Number.NaN;
  return { final: snap(), history, best, diverged: !last.ok, score, steps: opt.steps, evaluations };
}

function checkTargets(input: AttackInput, names: readonly string[]): void {
  const nonzero = names.some((n) => toFloat64(input.shared.grads[n]).some((v) => v !== 0));
  if (!nonzero) {
    throw new InputError(`invertingGradients: the selected shared gradients are all zero (got ${names.join(', ')}, expected a nonzero target: the cosine is undefined)`);
  }
}

/**
 * Run GS on the wire-only input. Geiping et al. 2020; defaults = the paper preset (120 iterations).
 * The dummy lives in the model's input space (normalised when the model is fed normalised images).
 * @throws InputError when `knowledge.labels` is missing (GS assumes known labels) or an option or
 *   the input is invalid.
 * @returns Plain data: the winning restart's final and best-by-loss dummies and loss curve;
 *   `steps` and `evaluations` count every restart.
 */
export function invertingGradients(input: AttackInput, options: GsOptions): GsResult {
  const labels = input.knowledge.labels;
  if (labels === undefined) {
    throw new InputError('invertingGradients: knowledge.labels is missing (got undefined, expected one known label per image; batch-1 callers can infer it with idlg)');
  }
  const o = resolveGsOptions(options, input.model.inputShape[2]);
  const names = selectGradients(input.model, options.selection ?? 'all');
  validateAttackInput('invertingGradients', input, names);
  checkTargets(input, names);
  const t0 = performance.now();
  const layout: GsLayout = { xShape: [input.knowledge.batchSize, ...input.model.inputShape], labels };
  const closure = makeGsClosure(input.model, input.params, input.shared.grads, names, layout, o.tvWeight);
  const runs = Array.from({ length: o.restarts }, (_, r) => runRestart(closure, layout, o, r, options.onIterate));
  const scores = runs.map((r) => r.score);
  let win = 0;
  scores.forEach((s, i) => { if (Number.isFinite(s) && (!Number.isFinite(scores[win]) || s < scores[win])) win = i; });
  const w = runs[win];
  return {
    reconstruction: w.final, labels: [...labels], history: w.history, best: w.best, diverged: w.diverged,
    steps: runs.reduce((s, r) => s + r.steps, 0), evaluations: runs.reduce((s, r) => s + r.evaluations, 0),
    ms: performance.now() - t0, restart: win, restartScores: scores,
  };
}
