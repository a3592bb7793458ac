/**
 * One DLG case end to end, with the truth kept on the client/analysis side (style.md §2.3):
 * client computes ∇θ CE on its true image, applies the defense, sends the update; the attacker
 * runs DLG (optionally after iDLG label inference) on the wire-only input; metrics against the
 * truth are computed here, outside the attack (the min-MSE over iterations through `onIterate`,
 * labelled `usesGroundTruth`).
 */
import { tf, fromFloat64, disposeParams, makeRng, toFloat64 } from '../tensor/index.js';
import type { ParamMap } from '../tensor/index.js';
import { makeDefense } from '../sim/defenses/index.js';
import type { DefenseConfig, DefenseStats } from '../sim/defenses/index.js';
import { dlg } from '../sim/attacks/dlg.js';
import { repMatching } from '../sim/attacks/repMatching.js';
import { representationInference } from '../sim/attacks/representationInference.js';
import { idlg } from '../sim/attacks/idlg.js';
import type { IdlgResult } from '../sim/attacks/idlg.js';
import { targetGradients } from '../sim/attacks/dlgObjective.js';
import type { AttackInput, AttackResult, GradientSelection, IterateHook, Reconstruction } from '../sim/attacks/types.js';
import { correlation, mse, psnr, ssim, runningMin } from '../sim/metrics/index.js';
import type { RunningMinResult } from '../sim/metrics/index.js';
import type { Model } from '../sim/types.js';

/**
 * Where the attacker's label comes from: 'soft' (DLG optimises a dummy soft label), 'idlg'
 * (inferred from the shared update, Zhao et al. 2020, then fixed), 'known' (declared knowledge:
 * the protocol reveals the true label).
 */
export type LabelSource = 'soft' | 'idlg' | 'known';

/** A DLG case: model initialised from `seed`, one true image (H·W·C in [0, 1]) and its label. */
export interface DlgCase {
  readonly model: Model;
  readonly image: ArrayLike<number>;
  readonly label: number;
  readonly defense: DefenseConfig;
  readonly seed: number;
  readonly steps?: number;
  readonly selection?: GradientSelection;
  /** @default 'soft' (ignored with matching 'representation': the inference picks the class) */
  readonly labelSource?: LabelSource;
  /**
   * What the dummy matches: 'gradients' (DLG, the `selection`), or 'representation' (the Rep
   * attack of Soteria Fig. 3: the representation inferred from the update, `repMatching`).
   * @default 'gradients'
   */
  readonly matching?: 'gradients' | 'representation';
  /** Called after each iteration's snapshot with its MSE to the truth (pixels01; uses the ground truth). */
  readonly onIterate?: (iteration: number, mse: number) => void;
}

/** Metrics in [0, 1] pixel space (the dummy is not clamped). */
export interface DlgCaseResult {
  readonly attack: AttackResult;
  readonly defenseStats: DefenseStats;
  /** One-line description of the defense applied by the client. */
  readonly defenseDescription: string;
  readonly finalMse: number;
  readonly bestMse: number;
  /** The notebook's MSE_min over iterations: needs the ground truth. */
  readonly minMse: RunningMinResult;
  readonly finalPsnr: number;
  readonly finalSsim: number;
  readonly ssimVariant: string;
  /** Space of every image metric above. */
  readonly metricSpace: 'pixels01';
  readonly labelCorrect: boolean;
  /** iDLG's inference when `labelSource` is 'idlg'. */
  readonly idlg?: IdlgResult;
  /**
   * Matching 'representation' only: `cor` (Soteria §3.2) between the representation inferred
   * from the update and the true r(x) at the defended layer; USES THE GROUND TRUTH. null when
   * undefined (a constant vector, or the layer is not inferred).
   */
  readonly repCor?: number | null;
}

/** Every model in src/sim/models feeds its last layer sigmoid/ReLU outputs or [0, 1] pixels. */
const NON_NEGATIVE_FEATURES = true;

/** The attacker's declared knowledge: labels from iDLG (on the wire) or the protocol, or none. */
function knowledgeOf(c: DlgCase, wire: Omit<AttackInput, 'knowledge'>): { labels?: number[]; idlg?: IdlgResult } {
  const source = c.labelSource ?? 'soft';
  if (source === 'known') return { labels: [c.label] };
  if (source === 'soft') return {};
  const inferred = idlg({ ...wire, knowledge: { batchSize: 1 } }, { nonNegativeFeatures: NON_NEGATIVE_FEATURES });
  return { labels: [inferred.label], idlg: inferred };
}

/** The attacker's run on the wire: DLG with its declared knowledge, or representation matching. */
function attackOn(c: DlgCase, wire: Omit<AttackInput, 'knowledge'>, onIterate: IterateHook): { attack: AttackResult; idlg?: IdlgResult } {
  if (c.matching === 'representation') return { attack: repMatching({ ...wire, knowledge: { batchSize: 1 } }, { seed: c.seed, steps: c.steps, onIterate }) };
  const known = knowledgeOf(c, wire);
  const attack = dlg(
    { ...wire, knowledge: { batchSize: 1, ...(known.labels ? { labels: known.labels } : {}) } },
    { seed: c.seed, steps: c.steps, selection: c.selection, onIterate },
  );
  return { attack, ...(known.idlg ? { idlg: known.idlg } : {}) };
}

/** `cor` of the inferred vs the true representation at `model.representationLayer` (analysis side). */
function repCorOf(wire: Omit<AttackInput, 'knowledge'>, x: tf.Tensor4D): number | null {
  const inferred = representationInference({ ...wire, knowledge: { batchSize: 1 } });
  const hit = inferred.classes[0]?.layers.find((l) => l.layer === wire.model.representationLayer);
  if (hit === undefined) return null;
  const out = wire.model.apply(wire.params, x);
  const truth = toFloat64(out.representation);
  tf.dispose([out.logits, out.representation]);
  const v = correlation(hit.representation, truth);
  return Number.isNaN(v) ? null : v;
}

/**
 * Run DLG (or iDLG + DLG, or the Rep attack) on one image against one defense; Zhu et al. 2019 notebook protocol,
 * Zhao et al. 2020 for the label, Soteria §3.2 / Fig. 3 for representation matching.
 * @param c - the case (truth stays here; the attack sees only model, params and the update).
 * @returns attack result and metrics against the truth (plain data).
 */
export function runDlgCase(c: DlgCase): DlgCaseResult {
  const shape = [1, ...c.model.inputShape] as [number, number, number, number];
  const truth = { data: Float32Array.from(c.image), shape };
  const defense = makeDefense(c.defense);
  const params = c.model.init(c.seed);
  const x = fromFloat64(truth.data, shape) as tf.Tensor4D;
  const y = tf.tensor1d([c.label], 'int32');
  const grads = targetGradients(c.model, params, x, y);
  let defended: ParamMap | undefined;
  const perIteration: number[] = [];
  const score = (r: Reconstruction): number => mse(r, truth, 'pixels01').value;
  const onIterate = (i: number, r: Reconstruction): void => {
    perIteration.push(score(r));
    c.onIterate?.(i, perIteration[perIteration.length - 1]);
  };
  try {
    const d = defense.apply(grads, { model: c.model, params, x, y, rng: makeRng(c.seed, 'defense') });
    defended = d.grads;
    const wire = { model: c.model, params, shared: { grads: d.grads, numExamples: 1 } };
    const { attack, idlg: inferred } = attackOn(c, wire, onIterate);
    const s = ssim(attack.reconstruction, truth, { space: 'pixels01' });
    return {
      attack, defenseStats: d.stats, defenseDescription: defense.description,
      finalMse: score(attack.reconstruction), bestMse: score(attack.best.reconstruction),
      minMse: runningMin(perIteration), finalPsnr: psnr(attack.reconstruction, truth, { space: 'pixels01' }).value,
      finalSsim: s.value, ssimVariant: s.variant, metricSpace: 'pixels01', labelCorrect: attack.labels[0] === c.label,
      ...(inferred ? { idlg: inferred } : {}),
      ...(c.matching === 'representation' ? { repCor: repCorOf(wire, x) } : {}),
    };
  } finally {
    disposeParams(params); disposeParams(grads);
    if (defended !== undefined) disposeParams(defended);
    tf.dispose([x, y]);
  }
}
