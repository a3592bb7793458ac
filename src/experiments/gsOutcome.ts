/**
 * The attack-specific part of an `attack` result for GS (inverting gradients, Geiping et al.
 * 2020) through `runGsCase`: the top-level metrics are in [0, 1] pixels after de-normalising and
 * clamping; `normalised` repeats them in the normalised space, as the GS script reports them.
 */
import { makeDefense } from '../sim/defenses/index.js';
import { denormalizeImage } from '../sim/data/normalization.js';
import type { Reconstruction } from '../sim/attacks/types.js';
import type { Model } from '../sim/types.js';
import type { AttackConfig } from './attackConfigSchema.js';
import type { AttackOutcome } from './attackRunTypes.js';
import type { AttackImage } from './loadAttackImage.js';
import { runGsCase } from './runGsCase.js';

const NOTE = 'mse, bestMse, mseMin, psnr (data range 1) and ssim in [0, 1] pixel space after de-normalising and clamping the reconstruction; `normalised` gives MSE and PSNR in the normalised space as the GS script reports them; mseMin (both spaces) is the running minimum over the winning restart\'s iterations and uses the ground truth.';

/**
 * Run GS on one image (label from iDLG on the update unless `gs.knownLabel`).
 * @param config - resolved config (attack gs).
 * @param model - the model it names.
 * @param image - the client's image.
 * @returns the outcome (plain data; images de-normalised to [0, 1] pixels, not clamped).
 */
export function gsOutcome(config: AttackConfig, model: Model, image: AttackImage): AttackOutcome {
  const r = runGsCase({
    model, image: image.pixels, label: image.label, defense: config.defense, seed: config.seed,
    iterations: config.steps, preset: config.gs.preset, selection: config.selection, knownLabel: config.gs.knownLabel,
  });
  const a = r.attack;
  const c = model.inputShape[2];
  const pixels = (x: Reconstruction): Reconstruction => ({ data: Float32Array.from(denormalizeImage(x.data, r.normalization, c)), shape: x.shape });
  const p = r.pixels01;
  const n = r.normalised;
  return {
    defense: { config: config.defense, description: makeDefense(config.defense).description, stats: r.defenseStats }, labelSource: r.labelSource,
    mse: p.finalMse, bestMse: p.bestMse, mseMin: p.minMse.value, mseMinIteration: p.minMse.iteration, mseMinUsesGroundTruth: true,
    psnr: p.finalPsnr, ssim: p.finalSsim, ssimVariant: p.ssimVariant, metricSpace: 'pixels01', metricNote: NOTE,
    normalised: {
      mse: n.finalMse, bestMse: n.bestMse, mseMin: n.minMse.value, mseMinIteration: n.minMse.iteration,
      psnr: n.finalPsnr, psnrRange: n.psnrRange, mean: [...r.normalization.mean], std: [...r.normalization.std],
    },
    labelCorrect: r.labelCorrect, predictedLabel: a.labels[0],
    ...(r.idlg ? { idlg: { label: r.idlg.label, assumptionsHold: r.idlg.assumptionsHold, reason: r.idlg.reason } } : {}),
    steps: a.steps, evaluations: a.evaluations, ms: Math.round(a.ms), msPerEvaluation: a.evaluations === 0 ? 0 : a.ms / a.evaluations,
    finalLoss: a.history[a.history.length - 1]?.loss ?? Number.NaN, bestLoss: a.best.loss, bestIteration: a.best.iteration, diverged: a.diverged,
    images: { reconstruction: pixels(a.reconstruction), best: pixels(a.best.reconstruction) },
  };
}
