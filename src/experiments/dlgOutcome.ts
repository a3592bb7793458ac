/**
 * The attack-specific part of an `attack` result for the L-BFGS attacks run by `runDlgCase`:
 * DLG (soft label), iDLG + DLG (label inferred from the update) and the Rep attack
 * (representation inference + matching, Soteria Fig. 3). Metrics in [0, 1] pixel space.
 */
import type { AttackConfig } from './attackConfigSchema.js';
import type { AttackOutcome } from './attackRunTypes.js';
import type { AttackImage } from './loadAttackImage.js';
import { runDlgCase } from './runAttack.js';
import type { Model } from '../sim/types.js';

const NOTE = 'MSE, PSNR (data range 1) and SSIM against the ground truth in [0, 1] pixel space, reconstruction not clamped (DLG works on unnormalised images); mseMin is the running minimum over iterations and uses the ground truth (DLG notebook).';

/**
 * Run DLG, iDLG + DLG or Rep matching on one image, as `config.attack` says.
 * @param config - resolved config (attack dlg | idlg | repinfer).
 * @param model - the model it names.
 * @param image - the client's image.
 * @param onIterate - per-iteration MSE to the truth (progress display).
 * @returns the outcome (plain data).
 */
export function dlgOutcome(config: AttackConfig, model: Model, image: AttackImage, onIterate: (i: number, mse: number) => void): AttackOutcome {
  const rep = config.attack === 'repinfer';
  const labelSource = config.attack === 'idlg' ? 'idlg' : 'soft';
  const r = runDlgCase({
    model, image: image.pixels, label: image.label, defense: config.defense, seed: config.seed, steps: config.steps,
    selection: config.selection, labelSource, matching: rep ? 'representation' : 'gradients', onIterate,
  });
  const a = r.attack;
  return {
    defense: { config: config.defense, description: r.defenseDescription, stats: r.defenseStats }, labelSource: rep ? 'representation' : labelSource,
    mse: r.finalMse, bestMse: r.bestMse, mseMin: r.minMse.value, mseMinIteration: r.minMse.iteration, mseMinUsesGroundTruth: true,
    psnr: r.finalPsnr, ssim: r.finalSsim, ssimVariant: r.ssimVariant, metricSpace: r.metricSpace, metricNote: NOTE,
    labelCorrect: r.labelCorrect, predictedLabel: a.labels[0],
    ...(r.idlg ? { idlg: { label: r.idlg.label, assumptionsHold: r.idlg.assumptionsHold, reason: r.idlg.reason } } : {}),
    ...(r.repCor !== undefined ? { repCor: r.repCor } : {}),
    steps: a.steps, evaluations: a.evaluations, ms: Math.round(a.ms), msPerEvaluation: a.evaluations === 0 ? 0 : a.ms / a.evaluations,
    finalLoss: a.history[a.history.length - 1]?.loss ?? Number.NaN, bestLoss: a.best.loss, bestIteration: a.best.iteration, diverged: a.diverged,
    images: { reconstruction: a.reconstruction, best: a.best.reconstruction },
  };
}
