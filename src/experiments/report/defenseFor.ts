/**
 * The defense config of a Table-2 family at one parameter value (Soteria arXiv 2012.06043 §6.1).
 * Soteria uses the exact-count rule (prunes ⌊p·L/100⌋ features; the official strict-`<`
 * percentile rule prunes nothing on tied scores, PAPER.md §7).
 */
import type { DefenseConfig } from '../../sim/defenses/index.js';
import { parseDefenseOption } from '../defenseShorthand.js';
import type { DefenseFamily } from './reportPlan.js';

/** The `--defense` shorthand of each family (`soteria-lab train --defense`). */
const SHORTHAND: Readonly<Record<DefenseFamily, string>> = { soteria: 'soteria', gc: 'gc', dpGaussian: 'dp-gaussian', dpLaplace: 'dp-laplace' };

/** Display names of the families. */
export const FAMILY_LABEL: Readonly<Record<DefenseFamily, string>> = { soteria: 'Soteria', gc: 'GC', dpGaussian: 'DP-Gaussian', dpLaplace: 'DP-Laplace' };

/** Units of the families' parameters, for labels. */
export const FAMILY_UNIT: Readonly<Record<DefenseFamily, string>> = { soteria: '%', gc: '%', dpGaussian: 'σ', dpLaplace: 'b' };

/**
 * The defense of `family` at `value`.
 * @param family - Table-2 family.
 * @param value - pruning rate in % (Soteria, GC), std σ (DP-Gaussian) or scale b (DP-Laplace).
 * @returns a `DefenseConfig`.
 */
export function defenseFor(family: DefenseFamily, value: number): DefenseConfig {
  const config = parseDefenseOption(`${SHORTHAND[family]}:${value}`) as DefenseConfig;
  return config.kind === 'soteria' ? { ...config, rule: 'exact' } : config;
}

/**
 * "Soteria 40 %", "DP-Gaussian σ 0.01".
 * @param family - Table-2 family.
 * @param value - its parameter.
 * @returns a short label.
 */
export function defenseLabel(family: DefenseFamily, value: number): string {
  return FAMILY_UNIT[family] === '%' ? `${FAMILY_LABEL[family]} ${value} %` : `${FAMILY_LABEL[family]} ${FAMILY_UNIT[family]} ${value}`;
}

/**
 * The defense a GS run applies: Soteria with the GS script's scores (`score: 'gsScript'`,
 * ‖∂r/∂x‖ / (r + 0.1)), every other defense unchanged.
 * @param config - the defense (e.g. from `defenseFor`).
 * @returns the config for a GS cell.
 */
export function gsDefense(config: DefenseConfig): DefenseConfig {
  return config.kind === 'soteria' ? { ...config, score: 'gsScript' } : config;
}
