/**
 * The `cor` metric of representation inference (Soteria arXiv 2012.06043 §3.2, Table 1): Pearson
 * correlation between the inferred representation of class i at an FC layer's input and the true
 * class-i mean representation there. Analysis side: the truth comes from the client's data.
 */
import { correlation } from '../sim/metrics/correlation.js';
import type { RepresentationInferenceResult } from '../sim/attacks/representationInference.js';

/** One (class, layer) comparison. */
export interface CorEntry {
  readonly label: number;
  readonly layer: string;
  /** Whether the attacker's class rule declared this (truly present) class present. */
  readonly detected: boolean;
  /** Pearson correlation; null when the class was not inferred or a vector is constant. */
  readonly cor: number | null;
}

/** All comparisons and their per-layer means. */
export interface RepresentationCorResult {
  readonly entries: readonly CorEntry[];
  /** layer → mean of the non-null `cor` values (null when none). */
  readonly meanCor: Readonly<Record<string, number | null>>;
}

/** True class-mean representations: layer → (class → mean vector at the layer's input). */
export type TrueClassMeans = ReadonlyMap<string, ReadonlyMap<number, Float64Array>>;

/**
 * Compare inferred and true class-mean representations for every (true class, layer) pair
 * present in `truth` and walked by the inference.
 * @returns entries (class-major, layers top-down) and per-layer means.
 * @throws RangeError when a true vector's length differs from the inferred one.
 */
export function representationCor(inference: RepresentationInferenceResult, truth: TrueClassMeans): RepresentationCorResult {
  const entries: CorEntry[] = [];
  const labels = [...new Set([...truth.values()].flatMap((m) => [...m.keys()]))].sort((a, b) => a - b);
  for (const label of labels) {
    const inferred = inference.classes.find((c) => c.label === label);
    for (const layer of inference.layers) {
      const t = truth.get(layer)?.get(label);
      if (t === undefined) continue;
      const hat = inferred?.layers.find((l) => l.layer === layer)?.representation;
      if (hat !== undefined && hat.length !== t.length) {
        throw new RangeError(`representationCor: ${layer} class ${label} true length ${t.length} (expected the inferred ${hat.length})`);
      }
      const cor = hat === undefined ? Number.NaN : correlation(hat, t);
      entries.push({ label, layer, detected: inference.detected.includes(label), cor: Number.isFinite(cor) ? cor : null });
    }
  }
  const meanCor = Object.fromEntries(inference.layers.map((layer) => {
    const vs = entries.filter((e) => e.layer === layer && e.cor !== null).map((e) => e.cor as number);
    return [layer, vs.length === 0 ? null : vs.reduce((a, b) => a + b, 0) / vs.length];
  }));
  return { entries, meanCor };
}
