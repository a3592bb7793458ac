/**
 * What a finished cell leaves on disk (`<out>/cells/<id>.json`): its spec, its result (plain
 * JSON, deterministic for a given seed and backend) and, apart from it, the timing, so that two
 * runs of the same cell compare equal once `timing` is ignored.
 */
import type { CellSpec } from './cellSpec.js';

/** A finished cell. */
export interface CellRecord<R = unknown> {
  readonly id: string;
  readonly spec: CellSpec;
  /** The tfjs backend that computed it ('none' for float64-only cells). */
  readonly backend: string;
  readonly result: R;
  /** Not part of the result: differs between runs. */
  readonly timing: { readonly ms: number; readonly finishedAt: string };
}

/** Result of a `dlg` cell: metrics in [0, 1] pixel space and the images as PNG data URIs. */
export interface DlgCellResult {
  readonly label: number;
  readonly finalMse: number | null;
  /** The notebook's MSE_min over iterations (uses the ground truth). */
  readonly minMse: number | null;
  readonly minMseIteration: number;
  /** MSE of the attacker's best-by-loss dummy (needs no ground truth). */
  readonly bestMse: number | null;
  readonly finalPsnr: number | null;
  readonly finalSsim: number | null;
  readonly ssimVariant: string;
  readonly labelCorrect: boolean;
  readonly diverged: boolean;
  readonly attackSteps: number;
  readonly evaluations: number;
  readonly defenseStats: Readonly<Record<string, number | string | boolean>>;
  readonly truthPng: string;
  /** The final dummy, clamped to [0, 1] for display. */
  readonly reconstructionPng: string;
  /** Selection 'rep' only: `cor` of the inferred vs the true representation (uses the ground truth); null when undefined. */
  readonly repCor?: number | null;
}

/** MSE metrics of a GS cell in one space (normalised, or [0, 1] pixels after de-normalising and clamping). */
export interface GsCellSpaceMetrics {
  readonly finalMse: number | null;
  /** Running minimum over the winning restart's iterations (uses the ground truth). */
  readonly minMse: number | null;
  readonly minMseIteration: number;
  /** MSE of the attacker's best-by-loss dummy. */
  readonly bestMse: number | null;
  /** PSNR of the final dummy (normalised: the GS script's range; pixels: range 1). */
  readonly finalPsnr: number | null;
}

/** Result of a `gs` cell. */
export interface GsCellResult {
  readonly label: number;
  readonly predictedLabel: number;
  readonly labelCorrect: boolean;
  readonly labelSource: 'idlg' | 'known';
  /** As the GS script reports them (Soteria Table 2 GS MSE). */
  readonly normalised: GsCellSpaceMetrics;
  readonly pixels01: GsCellSpaceMetrics & { readonly finalSsim: number | null };
  readonly ssimVariant: string;
  readonly diverged: boolean;
  readonly iterations: number;
  readonly defenseStats: Readonly<Record<string, number | string | boolean>>;
  readonly truthPng: string;
  /** The final dummy de-normalised and clamped to [0, 1]. */
  readonly reconstructionPng: string;
}

/** One round of a training cell. */
export interface TrainRoundPoint {
  readonly round: number;
  readonly accuracy: number | null;
  readonly loss: number | null;
  readonly trainLoss: number;
}

/** Result of a `train` cell. */
export interface TrainCellResult {
  readonly accuracy: number;
  readonly loss: number;
  readonly rounds: number;
  readonly paramsDigest: string;
  readonly defense: string;
  readonly model: string;
  readonly dataset: string;
  readonly history: readonly TrainRoundPoint[];
  /** Defense statistics of the last round. */
  readonly defenseStats: Readonly<Record<string, number | string | boolean>>;
}

/** Curves of a `theorem2` cell: mean optimality gap with and without the defense and the envelope. */
export interface Theorem2Curves {
  /** Local-step counter T at each checkpoint. */
  readonly T: readonly number[];
  readonly defended: readonly number[];
  readonly undefended: readonly number[];
  /** RHS(T) with closed-form (upper-bound) constants: the printed envelope. */
  readonly envelopeClosed: readonly number[];
  /** RHS(T) with constants measured along the runs. */
  readonly envelopeEmpirical: readonly number[];
}
