/**
 * One inverting-gradients (GS) case end to end, as Soteria's GS script runs it, with the truth
 * kept on the client/analysis side (style.md §2.3): the client normalises its [0, 1] image with
 * the dataset mean/std, computes the target gradient of `targetLossScale`·CE on it (the code's
 * `Classification` loss is 0.5·CE — harmless for the cosine cost), applies the defense and sends
 * the update; the attacker gets the label from iDLG (or is given it) and runs GS on the wire-only
 * input; metrics against the truth are computed here, outside the attack.
 */
import { tf, fromFloat64, disposeParams, makeRng, mapParams } from '../tensor/index.js';
import type { ParamMap } from '../tensor/index.js';
import { InputError } from '../errors.js';
import { makeDefense } from '../sim/defenses/index.js';
import type { DefenseConfig, DefenseStats } from '../sim/defenses/index.js';
import { invertingGradients } from '../sim/attacks/invertingGradients.js';
import type { GsResult } from '../sim/attacks/invertingGradients.js';
import type { GsPresetName } from '../sim/attacks/gsOptions.js';
import { idlg } from '../sim/attacks/idlg.js';
import type { IdlgResult } from '../sim/attacks/idlg.js';
import { targetGradients } from '../sim/attacks/dlgObjective.js';
import type { AttackInput, GradientSelection } from '../sim/attacks/types.js';
import { defaultNormalization, normalizeImage, validateNormalization } from '../sim/data/normalization.js';
import type { Normalization } from '../sim/data/normalization.js';
import type { Model } from '../sim/types.js';
import { gsCaseMetrics, iterateMse } from './gsCaseMetrics.js';
import type { GsSpaceMetrics, IterateMse } from './gsCaseMetrics.js';

/**
 * A GS case (mirror of `DlgCase`): model initialised from `seed` (`model.init(seed)`), one true
 * image and its label; the defense draws from `makeRng(seed, 'defense')`, the attack from
 * `makeRng(seed, 'gs', 'init', restart)`.
 */
export interface GsCase {
  readonly model: Model;
  /** H·W·C values in [0, 1], HWC row-major (unnormalised pixels). */
  readonly image: ArrayLike<number>;
  readonly label: number;
  readonly defense: DefenseConfig;
  readonly seed: number;
  /** Adam steps per restart. @default the preset's (paper 120, code 24 000) */
  readonly iterations?: number;
  /** @default 'paper' */
  readonly preset?: GsPresetName;
  /** Gradients the attacker matches. @default 'all' */
  readonly selection?: GradientSelection;
  /**
   * Where the attacker's label comes from: 'idlg' (inferred from the defended update, Zhao et al.
   * 2020) or 'known' (the true label, as the GS script passes it). GS has no soft-label mode.
   * @default 'idlg'
   */
  readonly labelSource?: 'idlg' | 'known';
  /** Shorthand for `labelSource: 'known'` (as the first DlgCase had it). @default false */
  readonly knownLabel?: boolean;
  /** Progress: called at every iterate of every restart with its [0, 1]-pixel MSE to the truth (uses the ground truth). */
  readonly onIterate?: (iteration: number, mse: number, restart: number) => void;
  /** Dataset mean/std. @default CIFAR-10 for 3 channels, MNIST for 1 (`defaultNormalization`) */
  readonly normalization?: Normalization;
  /** @default the preset's (1) */
  readonly restarts?: number;
  /** Factor on the client's CE for the target gradient; the code uses 0.5 (cosine-invariant). @default 0.5 */
  readonly targetLossScale?: number;
}

/** What a GS case yields (plain data). */
export interface GsCaseResult {
  readonly attack: GsResult;
  readonly defenseStats: DefenseStats;
  /** One-line description of the defense applied by the client. */
  readonly defenseDescription: string;
  /** Normalisation used (images and box). */
  readonly normalization: Normalization;
  /** Where the attacker's label came from; `idlg` holds iDLG's verdict when it was used. */
  readonly labelSource: 'idlg' | 'known';
  readonly idlg?: IdlgResult;
  readonly labelCorrect: boolean;
  /** MSE and PSNR in normalised space, as the GS script reports them. */
  readonly normalised: GsSpaceMetrics;
  /** MSE, PSNR (range 1) and SSIM after de-normalising and clamping to [0, 1]. */
  readonly pixels01: GsSpaceMetrics & { readonly finalSsim: number; readonly ssimVariant: string };
}

function checkCase(c: GsCase, n: number): Normalization {
  if (c.image.length !== n) throw new InputError(`runGsCase: image has ${c.image.length} values (expected H·W·C = ${n})`);
  for (let i = 0; i < n; i++) {
    if (!(c.image[i] >= 0 && c.image[i] <= 1)) throw new InputError(`runGsCase: image values must lie in [0, 1] (got ${c.image[i]} at ${i})`);
  }
  if (!Number.isInteger(c.label) || c.label < 0 || c.label >= c.model.numClasses) {
    throw new InputError(`runGsCase: label must be an integer class (got ${c.label}, expected 0 … ${c.model.numClasses - 1})`);
  }
  const scale = c.targetLossScale ?? 0.5;
  if (!(scale > 0 && Number.isFinite(scale))) throw new InputError(`runGsCase: targetLossScale must be a positive number (got ${scale})`);
  const norm = c.normalization ?? defaultNormalization(c.model.inputShape[2]);
  validateNormalization('runGsCase', norm, c.model.inputShape[2]);
  return norm;
}

/** The attacker's label: the true one ('known') or iDLG's inference from the wire. */
function attackerLabel(c: GsCase, wire: AttackInput): { source: 'idlg' | 'known'; label: number; idlg?: IdlgResult } {
  const source = c.labelSource ?? (c.knownLabel === true ? 'known' : 'idlg');
  if ((source !== 'idlg' && source !== 'known') || (c.knownLabel === true && source !== 'known')) {
    throw new InputError(`runGsCase: labelSource must be 'idlg' or 'known', and 'known' with knownLabel (got ${JSON.stringify(c.labelSource)}, knownLabel ${String(c.knownLabel)}; GS needs labels)`);
  }
  if (source === 'known') return { source, label: c.label };
  // Features feeding the last layer are sigmoid/ReLU outputs, except logReg's (normalised pixels, signed).
  const inferred = idlg(wire, { nonNegativeFeatures: c.model.name !== 'logReg' });
  return { source, label: inferred.label, idlg: inferred };
}

/** The client's scaled CE gradient on the normalised image. Caller owns returned tensors. */
function clientGradients(model: Model, params: ParamMap, x: tf.Tensor4D, y: tf.Tensor1D, scale: number): ParamMap {
  const g = targetGradients(model, params, x, y);
  const scaled = mapParams(g, (t) => tf.mul(t, scale));
  disposeParams(g);
  return scaled;
}

/** Run GS on one image against one defense. Geiping et al. 2020, Soteria's GS script protocol. */
export function runGsCase(c: GsCase): GsCaseResult {
  const channels = c.model.inputShape[2];
  const shape = [1, ...c.model.inputShape] as [number, number, number, number];
  const norm = checkCase(c, shape.reduce((a, b) => a * b, 1));
  const truth = normalizeImage(c.image, norm, channels);
  const params = c.model.init(c.seed);
  const x = fromFloat64(truth, shape) as tf.Tensor4D;
  const y = tf.tensor1d([c.label], 'int32');
  const grads = clientGradients(c.model, params, x, y, c.targetLossScale ?? 0.5);
  let defended: ParamMap | undefined;
  try {
    const defense = makeDefense(c.defense);
    const d = defense.apply(grads, { model: c.model, params, x, y, rng: makeRng(c.seed, 'defense') });
    defended = d.grads;
    const wire: AttackInput = { model: c.model, params, shared: { grads: defended, numExamples: 1 }, knowledge: { batchSize: 1 } };
    const { source, label, idlg: inferred } = attackerLabel(c, wire);
    const truthSet = { truthNormalised: truth, truthPixels: Float64Array.from(c.image), shape, normalization: norm };
    const trace: IterateMse[][] = [];
    const attack = invertingGradients({ ...wire, knowledge: { batchSize: 1, labels: [label] } }, {
      seed: c.seed, preset: c.preset, iterations: c.iterations, restarts: c.restarts, selection: c.selection,
      normalization: norm,
      onIterate: (i, r, restart) => {
        const e = iterateMse(r.data, truthSet);
        (trace[restart] ??= []).push(e);
        c.onIterate?.(i, e.pixels01, restart);
      },
    });
    const m = gsCaseMetrics(attack, trace[attack.restart] ?? [], truthSet);
    return {
      attack, defenseStats: d.stats, defenseDescription: defense.description, normalization: norm, labelSource: source,
      ...(inferred === undefined ? {} : { idlg: inferred }), labelCorrect: attack.labels[0] === c.label, ...m,
    };
  } finally {
    disposeParams(params); disposeParams(grads);
    if (defended !== undefined) disposeParams(defended);
    tf.dispose([x, y]);
  }
}
