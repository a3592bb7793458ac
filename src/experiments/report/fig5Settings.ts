/**
 * The defense settings of Fig. 5 (no defense, then every Table-2 family at every grid value)
 * and the training cells that give each setting its accuracy; shared by the DLG and GS parts.
 */
import type { DefenseConfig } from '../../sim/defenses/index.js';
import type { ImageDataset, TrainCellSpec } from './cellSpec.js';
import { defenseFor } from './defenseFor.js';
import type { DefenseFamily, Fig5Config } from './reportPlan.js';

/** Table-2 families in display order. */
export const FIG5_FAMILIES: readonly DefenseFamily[] = ['soteria', 'gc', 'dpGaussian', 'dpLaplace'];

/** A setting: a family at a value, or no defense (null). */
export type Fig5Setting = { readonly family: DefenseFamily; readonly value: number } | null;

/**
 * Every setting of the section: no defense, then each family's grid values.
 * @param cfg - the section config.
 * @returns the settings.
 */
export function fig5Settings(cfg: Fig5Config): Fig5Setting[] {
  return [null, ...FIG5_FAMILIES.flatMap((family) => cfg.grid[family].map((value) => ({ family, value })))];
}

/**
 * The client's defense at a setting (Soteria with the exact-count rule).
 * @param s - the setting.
 * @returns its defense config.
 */
export function fig5Defense(s: Fig5Setting): DefenseConfig {
  return s === null ? { kind: 'none' } : defenseFor(s.family, s.value);
}

/**
 * The training cells of a setting on a dataset (none when the dataset has no train preset).
 * @param cfg - the section config.
 * @param dataset - the dataset.
 * @param s - the setting.
 * @returns one cell per training seed.
 */
export function fig5TrainSpecs(cfg: Fig5Config, dataset: ImageDataset, s: Fig5Setting): TrainCellSpec[] {
  const preset = cfg.train.presets[dataset];
  return preset === undefined ? [] : cfg.train.seeds.map((seed): TrainCellSpec => ({ kind: 'train', preset, rounds: cfg.train.rounds, defense: fig5Defense(s), seed }));
}
