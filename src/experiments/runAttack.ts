/**
 * One DLG case end to end, with the truth kept on the client/analysis side (style.md §2.3):
 * client computes ∇θ CE on its true image, applies the defense, sends the update; the attacker
 * runs DLG on the wire-only input; metrics against the truth are computed here, outside the
 * attack (the min-MSE over iterations through `onIterate`, labelled `usesGroundTruth`).
 */
import { tf, fromFloat64, disposeParams, makeRng } from '../tensor/index.js';
import { makeDefense } from '../sim/defenses/index.js';
import type { DefenseConfig, DefenseStats } from '../sim/defenses/index.js';
import { dlg } from '../sim/attacks/dlg.js';
import { targetGradients } from '../sim/attacks/dlgObjective.js';
import type { AttackResult, GradientSelection, Reconstruction } from '../sim/attacks/types.js';
import { mse, psnr, ssim, runningMin } from '../sim/metrics/index.js';
import type { RunningMinResult } from '../sim/metrics/index.js';
import type { Model } from '../sim/types.js';

/** A DLG case: model initialised from `seed`, one true image (H·W·C in [0, 1]) and its label. */
export interface DlgCase {
  readonly model: Model;
  readonly image: ArrayLike<number>;
  readonly label: number;
  readonly defense: DefenseConfig;
  readonly seed: number;
  readonly steps?: number;
  readonly selection?: GradientSelection;
  /** Give the attacker the true label (iDLG + DLG). @default false */
  readonly knownLabel?: boolean;
}

/** Metrics in [0, 1] pixel space (the dummy is not clamped). */
export interface DlgCaseResult {
  readonly attack: AttackResult;
  readonly defenseStats: DefenseStats;
  readonly finalMse: number;
  readonly bestMse: number;
  /** The notebook's MSE_min over iterations: needs the ground truth. */
  readonly minMse: RunningMinResult;
  readonly finalPsnr: number;
  readonly finalSsim: number;
  readonly ssimVariant: string;
  readonly labelCorrect: boolean;
}

/** Run DLG on one image against one defense; Zhu et al. 2019 notebook protocol. */
export function runDlgCase(c: DlgCase): DlgCaseResult {
  const shape = [1, ...c.model.inputShape] as [number, number, number, number];
  const truth = { data: Float32Array.from(c.image), shape };
  const params = c.model.init(c.seed);
  const x = fromFloat64(truth.data, shape) as tf.Tensor4D;
  const y = tf.tensor1d([c.label], 'int32');
  const grads = targetGradients(c.model, params, x, y);
  const defended = makeDefense(c.defense).apply(grads, { model: c.model, params, x, y, rng: makeRng(c.seed, 'defense') });
  const perIteration: number[] = [];
  const score = (r: Reconstruction): number => mse(r, truth, 'pixels01').value;
  try {
    const attack = dlg(
      { model: c.model, params, shared: { grads: defended.grads, numExamples: 1 }, knowledge: { batchSize: 1, ...(c.knownLabel ? { labels: [c.label] } : {}) } },
      { seed: c.seed, steps: c.steps, selection: c.selection, onIterate: (_i, r) => perIteration.push(score(r)) },
    );
    const s = ssim(attack.reconstruction, truth, { space: 'pixels01' });
    return {
      attack, defenseStats: defended.stats, finalMse: score(attack.reconstruction), bestMse: score(attack.best.reconstruction),
      minMse: runningMin(perIteration), finalPsnr: psnr(attack.reconstruction, truth, { space: 'pixels01' }).value,
      finalSsim: s.value, ssimVariant: s.variant, labelCorrect: attack.labels[0] === c.label,
    };
  } finally {
    disposeParams(params); disposeParams(grads); disposeParams(defended.grads);
    tf.dispose([x, y]);
  }
}
