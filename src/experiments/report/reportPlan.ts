/**
 * A report preset as data: the configuration of every section (attack grids, defense ranges,
 * training runs, theory checks). Each section derives its cells from its own config, so the
 * plan's cells are the union of the sections' cells (equal cells shared by id).
 */
import type { DefenseConfig } from '../../sim/defenses/index.js';
import type { SyntheticTheorem2Config } from '../checkTheorem2.js';
import type { GsModelKind, ImageDataset } from './cellSpec.js';

/** DLG targets: test images × attack seeds, and the L-BFGS steps. */
export interface AttackGrid {
  readonly dataset: ImageDataset;
  readonly images: readonly number[];
  readonly seeds: readonly number[];
  readonly steps: number;
}

/** A GS attack setting: dataset, model and preset (paper 120 / code 24 000 iterations). */
export interface GsSetup {
  readonly dataset: ImageDataset;
  readonly model: GsModelKind;
  readonly preset: 'paper' | 'code';
  /** Adam steps: the preset's count (fewer only in the tests' preset). */
  readonly iterations: number;
}

/** GS targets: a setting × test images × attack seeds. */
export interface GsGrid extends GsSetup {
  readonly images: readonly number[];
  readonly seeds: readonly number[];
}

/** The four defenses of Table 2 and their parameter values. */
export interface DefenseGrid {
  /** Soteria pruning rate of the defended layer, %. */
  readonly soteria: readonly number[];
  /** GC: per-tensor magnitude pruning rate, %. */
  readonly gc: readonly number[];
  /** DP-Gaussian standard deviation σ. */
  readonly dpGaussian: readonly number[];
  /** DP-Laplace scale b. */
  readonly dpLaplace: readonly number[];
}

/** A defense family of Table 2. */
export type DefenseFamily = keyof DefenseGrid;

/** Fig. 3: DLG from WG / CLG / inferred representations (Rep), Soteria, and the adaptive attack. */
export interface Fig3Config {
  readonly attack: AttackGrid;
  /** Variants to run. @default all of `FIG3_VARIANTS` */
  readonly variants?: readonly ('WG' | 'CLG' | 'Rep' | 'Soteria' | 'Adaptive')[];
  readonly soteriaPercent: number;
}

/** Fig. 5: accuracy vs MSE per defense, per dataset. */
export interface Fig5Config {
  readonly attacks: readonly AttackGrid[];
  /** GS grids (same defense grid; accuracy from the same training cells as DLG). */
  readonly gs: readonly GsGrid[];
  readonly grid: DefenseGrid;
  /** Train preset per dataset (the accuracy axis), rounds and seeds of each run. */
  readonly train: { readonly presets: Readonly<Partial<Record<ImageDataset, string>>>; readonly rounds: number; readonly seeds: readonly number[] };
  /** "No accuracy loss" = accuracy ≥ undefended accuracy − this (absolute, in [0, 1]). */
  readonly noLossTolerance: number;
}

/** Fig. 6: one image against increasing pruning rates, Soteria vs GC, attacked by GS (as the paper). */
export interface Fig6Config {
  readonly gs: GsSetup;
  readonly imageIndex: number;
  readonly seed: number;
  readonly soteria: readonly number[];
  readonly gc: readonly number[];
}

/** Fig. 7: FedAvg convergence with and without the defense, and the Theorem 2 envelope. */
export interface Fig7Config {
  /** Overrides of the synthetic Theorem-2 configuration. */
  readonly theorem2: Partial<SyntheticTheorem2Config>;
  /** Number of seeds of the float64 runs (seed, seed + 1, …). */
  readonly seedCount: number;
  readonly seed: number;
  /** Simulator LR + FedAvg on MNIST with and without the defense (paper §6.3); null = none. */
  readonly train: null | { readonly preset: string; readonly rounds: number; readonly defense: DefenseConfig; readonly seed: number };
}

/** Table 1: representation inference cor over (E, B, split) settings. */
export interface Table1PlanConfig {
  /** Shared part of every run's Table-1 config (data, devices, rounds, …). */
  readonly base: Readonly<Record<string, unknown>>;
  readonly settings: readonly { readonly localEpochs: number; readonly batchSize: number; readonly split: 'noniid' | 'iid' }[];
  readonly seed: number;
}

/** Verdicts of the float64 checkers. */
export interface VerdictConfig {
  readonly samples: number;
  readonly seed: number;
}

/** A whole report preset. */
export interface ReportPlan {
  readonly name: string;
  readonly title: string;
  readonly fig3: Fig3Config;
  readonly fig5: Fig5Config;
  readonly fig6: Fig6Config;
  readonly fig7: Fig7Config;
  readonly table1: Table1PlanConfig;
  readonly verdicts: VerdictConfig;
}
