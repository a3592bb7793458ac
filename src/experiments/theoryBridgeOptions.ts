/**
 * Options of the float32 → float64 bridge from the simulator's DLG LeNet to the Theorem 1
 * checker (`soteria-lab check theorem1 --bridge lenet`): defaults, validation at entry
 * (InputError, exit 2), and the `HxWxC` parser of `--input-shape`.
 */
import { InputError } from '../errors.js';
import type { BackendName } from '../tensor/index.js';

/** Simulator models the Theorem 1 bridge can measure (`check theorem1 --bridge NAME`). */
export const BRIDGE_MODELS = ['lenet'] as const;

/** What a caller may set. */
export interface BridgeOptions {
  /** Seed of the model weights (`model.init(seed)`) and of the inputs. @default 0 */
  readonly seed?: number;
  /** Number of sampled inputs X (uniform [0,1] images). @default 2 */
  readonly samples?: number;
  /** LeNet input [H, W, C]; r has 12·⌈H/4⌉·⌈W/4⌉ features. @default [32, 32, 3] */
  readonly inputShape?: readonly [number, number, number];
  /** Soteria pruning rates p in % (exact rule: ⌊p·L/100⌋ features). @default [10, 40] */
  readonly pruneRates?: readonly number[];
  /** Radius of the tight-direction control, as a fraction of ‖r‖₂ (theory-spec §4.4 ii). @default 1e-3 */
  readonly tightRadius?: number;
  /** tfjs backend, set with `initBackend`. @default 'auto' */
  readonly backend?: BackendName;
  /** Progress lines (stderr in the CLI). */
  readonly log?: (message: string) => void;
}

/** Every option filled in. */
export interface ResolvedBridgeOptions {
  readonly seed: number;
  readonly samples: number;
  readonly inputShape: readonly [number, number, number];
  readonly pruneRates: readonly number[];
  readonly tightRadius: number;
  readonly backend: BackendName;
  readonly log: (message: string) => void;
}

/** Largest L·D the bridge accepts (the default 768·3072 = 2.36e6; a float64 J of 19 MB). */
export const BRIDGE_MAX_ENTRIES = 2_400_000;
/** Largest number of sampled inputs (each costs ~15 s at the default shape on 2 cores). */
export const BRIDGE_MAX_SAMPLES = 20;

const representationSize = (s: readonly number[]): number => 12 * Math.ceil(s[0] / 4) * Math.ceil(s[1] / 4);

function checkShape(s: readonly number[]): readonly [number, number, number] {
  if (s.length !== 3 || !s.every((v) => Number.isInteger(v) && v >= 1)) {
    throw new InputError(`bridge.inputShape: must be three positive integers [H, W, C] (got ${JSON.stringify(s)}, expected e.g. [32, 32, 3])`);
  }
  const L = representationSize(s);
  const D = s[0] * s[1] * s[2];
  if (L >= D) {
    throw new InputError(`bridge.inputShape: r must be smaller than X for the wide-Jacobian analysis (got L = ${L} ≥ D = ${D}, expected e.g. 16x16x1 or 32x32x3)`);
  }
  if (L * D > BRIDGE_MAX_ENTRIES) {
    throw new InputError(`bridge.inputShape: Jacobian too large (got L·D = ${L}·${D} = ${L * D}, expected at most ${BRIDGE_MAX_ENTRIES}, e.g. 32x32x3)`);
  }
  return [s[0], s[1], s[2]];
}

/** Fill defaults and validate; bad values are an InputError naming the field. */
export function resolveBridgeOptions(o: BridgeOptions): ResolvedBridgeOptions {
  const seed = o.seed ?? 0;
  if (!Number.isSafeInteger(seed) || seed < 0) throw new InputError(`bridge.seed: must be a non-negative integer (got ${seed})`);
  const samples = o.samples ?? 2;
  if (!Number.isInteger(samples) || samples < 1 || samples > BRIDGE_MAX_SAMPLES) {
    throw new InputError(`bridge.samples: out of range (got ${samples}, expected an integer in 1..${BRIDGE_MAX_SAMPLES})`);
  }
  const pruneRates = o.pruneRates ?? [10, 40];
  if (pruneRates.length === 0 || !pruneRates.every((p) => Number.isFinite(p) && p > 0 && p < 100)) {
    throw new InputError(`bridge.pruneRates: must be percentages in (0, 100) (got ${JSON.stringify(pruneRates)}, expected e.g. [10, 40])`);
  }
  const tightRadius = o.tightRadius ?? 1e-3;
  if (!(Number.isFinite(tightRadius) && tightRadius > 0 && tightRadius <= 1)) {
    throw new InputError(`bridge.tightRadius: must be in (0, 1] (got ${tightRadius}, expected e.g. 1e-3)`);
  }
  return {
    seed,
    samples,
    inputShape: checkShape(o.inputShape ?? [32, 32, 3]),
    pruneRates: [...pruneRates],
    tightRadius,
    backend: o.backend ?? 'auto',
    log: o.log ?? ((): void => undefined),
  };
}

/**
 * Parse `--input-shape HxWxC` (e.g. `16x16x1`).
 * @param raw - the flag value.
 * @returns [H, W, C], validated like `resolveBridgeOptions`.
 */
export function parseInputShape(raw: string): readonly [number, number, number] {
  const parts = raw.trim().toLowerCase().split('x');
  if (parts.length !== 3 || !parts.every((p) => /^\d+$/.test(p))) {
    throw new InputError(`--input-shape: not HxWxC (got '${raw}', expected e.g. 32x32x3 or 16x16x1)`);
  }
  return checkShape(parts.map(Number));
}
