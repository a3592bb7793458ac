/**
 * Options of the inverting-gradients attack (Geiping et al. 2020, GS), its two presets (the
 * paper's 120 iterations, the code's 24 000) and their resolution into Adam settings.
 */
import { InputError } from '../../errors.js';
import { IDENTITY_NORMALIZATION, normalizationBox, validateNormalization } from '../data/normalization.js';
import type { Normalization } from '../data/normalization.js';
import { invertingGradientsMilestones, multiStepMilestones } from './optim/index.js';
import type { AdamOptions } from './optim/index.js';
import type { GradientSelection, Reconstruction } from './types.js';

/** A named GS setting; both use Adam lr 0.1, signed gradients, the box, TV 1e-4, 1 restart. */
export interface GsPreset {
  readonly name: GsPresetName;
  readonly iterations: number;
  readonly lr: number;
  readonly tvWeight: number;
  readonly restarts: number;
  readonly signed: boolean;
  readonly boxed: boolean;
}

/** Preset names. */
export type GsPresetName = 'paper' | 'code';

/** The paper: "Adam, lr 0.1, results after 120 iterations" (Soteria's GS runs). */
export const GS_PAPER: GsPreset = { name: 'paper', iterations: 120, lr: 0.1, tvWeight: 1e-4, restarts: 1, signed: true, boxed: true };

/** Soteria's GS script: `max_iterations = 24_000`, `--tv 1e-4`, signed, boxed, 1 restart. */
export const GS_CODE: GsPreset = { ...GS_PAPER, name: 'code', iterations: 24_000 };

/** Per-iteration hook: like {@link IterateHook}, plus the restart the dummy belongs to. */
export type GsIterateHook = (iteration: number, reconstruction: Reconstruction, restart: number) => void;

/** GS options; unset fields come from the preset. */
export interface GsOptions {
  /** Seed of the init streams `makeRng(seed, 'gs', 'init', restart)`. */
  readonly seed: number;
  /** @default 'paper' */
  readonly preset?: GsPresetName;
  /** Adam steps per restart. @default preset (120 / 24 000) */
  readonly iterations?: number;
  /** Adam learning rate. @default 0.1 */
  readonly lr?: number;
  /** 'code': `max_iterations // 2.667, // 1.6, // 1.142` (Python float floor division); 'fractions': ⌊3/8·n⌋, ⌊5/8·n⌋, ⌊7/8·n⌋; γ = 0.1. @default 'code' */
  readonly milestones?: 'code' | 'fractions';
  /** Use sign(∇) in Adam. @default true */
  readonly signed?: boolean;
  /** Project onto the normalised image of [0, 1] after each step. @default true */
  readonly boxed?: boolean;
  /** Mean/std that map [0, 1] pixels to the model's input space (box only). @default IDENTITY_NORMALIZATION */
  readonly normalization?: Normalization;
  /** λ_TV. @default 1e-4 */
  readonly tvWeight?: number;
  /** Independent runs; the one with the lowest final 'sim' cost wins. @default 1 */
  readonly restarts?: number;
  /** Gradients to match. @default 'all' */
  readonly selection?: GradientSelection;
  /** Snapshot hook, called at iterations 0 … iterations of every restart. */
  readonly onIterate?: GsIterateHook;
}

/** Options with every default filled in, and the Adam settings they imply. */
export interface ResolvedGsOptions {
  readonly seed: number;
  readonly preset: GsPresetName;
  readonly iterations: number;
  readonly tvWeight: number;
  readonly restarts: number;
  readonly adam: AdamOptions;
}

function checkInt(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) throw new InputError(`invertingGradients.${name}: must be an integer ≥ ${min} (got ${v})`);
}

function milestonesFor(rule: 'code' | 'fractions', n: number): number[] {
  if (n < 1) return [];
  // PyTorch's MultiStepLR never reaches a milestone 0 (its epoch counter starts at 1 after a step).
  const ms = rule === 'code' ? invertingGradientsMilestones(n) : multiStepMilestones(n, [3 / 8, 5 / 8, 7 / 8]);
  return ms.filter((m) => m > 0);
}

/**
 * Fill in the preset and validate.
 * @param channels - C of the model input (to expand the box per channel).
 * @throws InputError on an unknown preset or an out-of-range option.
 */
export function resolveGsOptions(o: GsOptions, channels: number): ResolvedGsOptions {
  const preset = o.preset ?? 'paper';
  if (preset !== 'paper' && preset !== 'code') throw new InputError(`invertingGradients.preset: unknown preset (got ${JSON.stringify(preset)}, expected 'paper' or 'code')`);
  const p = preset === 'paper' ? GS_PAPER : GS_CODE;
  const r = { iterations: o.iterations ?? p.iterations, restarts: o.restarts ?? p.restarts, tvWeight: o.tvWeight ?? p.tvWeight, lr: o.lr ?? p.lr };
  checkInt('seed', o.seed, Number.MIN_SAFE_INTEGER);
  checkInt('iterations', r.iterations, 0);
  checkInt('restarts', r.restarts, 1);
  if (!(r.tvWeight >= 0 && Number.isFinite(r.tvWeight))) throw new InputError(`invertingGradients.tvWeight: must be a finite number ≥ 0 (got ${r.tvWeight})`);
  if (!(r.lr > 0 && Number.isFinite(r.lr))) throw new InputError(`invertingGradients.lr: must be a positive number (got ${r.lr})`);
  const rule = o.milestones ?? 'code';
  if (rule !== 'code' && rule !== 'fractions') throw new InputError(`invertingGradients.milestones: unknown rule (got ${JSON.stringify(rule)}, expected 'code' or 'fractions')`);
  const norm = o.normalization ?? IDENTITY_NORMALIZATION;
  validateNormalization('invertingGradients', norm, channels);
  const adam: AdamOptions = {
    lr: r.lr, signed: o.signed ?? p.signed, gamma: 0.1, milestones: milestonesFor(rule, r.iterations),
    ...((o.boxed ?? p.boxed) ? { box: normalizationBox(norm, channels) } : {}),
  };
  return { seed: o.seed, preset, iterations: r.iterations, tvWeight: r.tvWeight, restarts: r.restarts, adam };
}
