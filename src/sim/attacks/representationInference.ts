/**
 * Representation inference from one shared update (Soteria arXiv 2012.06043 §3.2; Appendix A is
 * unavailable, this follows the reconstruction in the design notes). For a dense layer z = W r + b
 * (tfjs layout W [in, out]) the update of output unit j is ΔW[:, j] = Σ_n δ_{n,j} r_n and
 * Δb_j = Σ_n δ_{n,j}, with δ = ∂L/∂z. So ΔW[:, j] / Δb_j is a δ-weighted mean of the inputs r_n:
 * exactly r for batch 1, close to the class mean when one class dominates δ_{·,j}.
 *
 * 1. Classes: the last layer's per-class column norms ‖ΔW^L[:, c]‖, filtered by a
 *    {@link ClassRule} (default: largest gap, ratio ≥ 2).
 * 2. r̂^L_c = ΔW^L[:, c] / Δb^L_c (the representation at the input of the last FC layer).
 * 3. Walk down: the `topUnits` largest entries j of r̂^L_c (outputs of the previous FC layer)
 *    pick columns of ΔW^{L−1}; r̂^{L−1}_c = Σ_j sgn(Δb_j) ΔW^{L−1}[:, j] / Σ_j |Δb_j|, i.e. the
 *    |Δb|-weighted mean of the per-unit ratios (= ΔW[:, j]/Δb_j for one unit). Repeat.
 * Without a bias update (or Σ|Δb| = 0) the sign is fixed so the vector's sum is ≥ 0 (features
 * declared non-negative) and the scale is arbitrary (`scale: 'sign'`).
 * Wire-only: reads `input.shared.grads` by parameter name, never the ground truth.
 */
import { toFloat64 } from '../../tensor/index.js';
import { InputError } from '../../errors.js';
import { DEFAULT_CLASS_RULE, detectClasses } from './detectClasses.js';
import type { ClassRule } from './detectClasses.js';
import { fcChain } from './fcChain.js';
import { validateAttackInput } from './validateAttackInput.js';
import type { AttackInput } from './types.js';

/** Options of {@link representationInference}. */
export interface RepresentationInferenceOptions {
  /** Which classes are present. @default { kind: 'largestGap', minRatio: 2 } */
  readonly classes?: ClassRule;
  /** Infer representations for the detected classes only, or for every class. @default 'detected' */
  readonly infer?: 'detected' | 'all';
  /** Units of the layer above that pick the columns of the layer below. @default 1 (argmax) */
  readonly topUnits?: number;
  /** Walk at most this many FC layers. @default all consecutive FC layers at the end */
  readonly maxLayers?: number;
}

/** The inferred representation at the INPUT of one FC layer. */
export interface InferredLayer {
  /** Layer name, e.g. 'fc3'; the representation is its input r (length = its weight's rows). */
  readonly layer: string;
  readonly representation: Float64Array;
  /** Output units j (weight-update columns; PyTorch rows) combined. */
  readonly units: readonly number[];
  /** ‖ΔW[:, j]‖₂ of those units. */
  readonly unitNorms: readonly number[];
  /** 'bias': divided by the bias update (exact scale for batch 1); 'sign': sign fixed only. */
  readonly scale: 'bias' | 'sign';
}

/** One class's inferred representations, top-down (last FC layer first). */
export interface InferredClass {
  readonly label: number;
  /** Whether the class rule declared the class present. */
  readonly detected: boolean;
  readonly layers: readonly InferredLayer[];
}

/** What representation inference returns (plain data). */
export interface RepresentationInferenceResult {
  /** The FC layers walked, top-down. */
  readonly layers: readonly string[];
  /** ‖ΔW^L[:, c]‖₂ for every class c. */
  readonly classNorms: readonly number[];
  /** Classes declared present, by decreasing norm. */
  readonly detected: readonly number[];
  readonly rule: ClassRule;
  /** Detected classes (or all, with infer 'all'), in `detected` order then by class. */
  readonly classes: readonly InferredClass[];
}

interface DenseUpdate { readonly w: Float64Array; readonly b?: Float64Array; readonly rows: number; readonly cols: number }

function columnNorm(u: DenseUpdate, j: number): number {
  let s = 0;
  for (let i = 0; i < u.rows; i++) s += u.w[i * u.cols + j] ** 2;
  return Math.sqrt(s);
}

function combineColumns(layer: string, u: DenseUpdate, units: readonly number[]): InferredLayer {
  const r = new Float64Array(u.rows);
  let denom = 0;
  for (const j of units) {
    const s = u.b === undefined ? 1 : Math.sign(u.b[j]);
    denom += u.b === undefined ? 0 : Math.abs(u.b[j]);
    for (let i = 0; i < u.rows; i++) r[i] += s * u.w[i * u.cols + j];
  }
  const scale = denom > 0 ? 'bias' : 'sign';
  const factor = denom > 0 ? 1 / denom : r.reduce((a, v) => a + v, 0) < 0 ? -1 : 1;
  for (let i = 0; i < u.rows; i++) r[i] *= factor;
  return { layer, representation: r, units: [...units], unitNorms: units.map((j) => columnNorm(u, j)), scale };
}

function topIndices(v: Float64Array, k: number): number[] {
  return Array.from(v.keys()).sort((a, b) => v[b] - v[a] || a - b).slice(0, Math.min(k, v.length));
}

function readUpdates(input: AttackInput, layers: readonly string[]): DenseUpdate[] {
  const has = new Set(input.model.params.filter((p) => p.trainable).map((p) => p.name));
  const names = layers.flatMap((l) => (has.has(`${l}.bias`) ? [`${l}.weight`, `${l}.bias`] : [`${l}.weight`]));
  validateAttackInput('representationInference', input, names);
  return layers.map((l) => {
    const g = input.shared.grads[`${l}.weight`];
    const [rows, cols] = g.shape as [number, number];
    return { w: toFloat64(g), ...(has.has(`${l}.bias`) ? { b: toFloat64(input.shared.grads[`${l}.bias`]) } : {}), rows, cols };
  });
}

/**
 * Infer per-class representations at the inputs of the model's last FC layers from a shared
 * update (gradient or model difference; only directions and signs matter). Soteria §3.2.
 * @returns plain data (no tensors).
 * @throws InputError on bad options or missing/mis-shaped gradients.
 */
export function representationInference(input: AttackInput, options: RepresentationInferenceOptions = {}): RepresentationInferenceResult {
  const topUnits = options.topUnits ?? 1;
  if (!(Number.isInteger(topUnits) && topUnits >= 1)) throw new InputError(`representationInference.topUnits: must be a positive integer (got ${topUnits})`);
  const infer = options.infer ?? 'detected';
  if (infer !== 'detected' && infer !== 'all') throw new InputError(`representationInference.infer (got ${String(infer)}, expected 'detected' or 'all')`);
  const layers = fcChain(input.model, options.maxLayers);
  const updates = readUpdates(input, layers);
  const classNorms = Array.from({ length: updates[0].cols }, (_, c) => columnNorm(updates[0], c));
  const rule = options.classes ?? DEFAULT_CLASS_RULE;
  const detected = detectClasses(classNorms, rule);
  const labels = infer === 'all' ? [...detected, ...classNorms.map((_, c) => c).filter((c) => !detected.includes(c))] : detected;
  const classes = labels.map((label): InferredClass => {
    const out: InferredLayer[] = [];
    let units = [label];
    updates.forEach((u, i) => {
      const inferred = combineColumns(layers[i], u, units);
      out.push(inferred);
      units = topIndices(inferred.representation, topUnits);
    });
    return { label, detected: detected.includes(label), layers: out };
  });
  return { layers, classNorms, detected, rule, classes };
}
