/**
 * Records of `soteria-lab attack` without the command line: the result JSON (`--json`,
 * `<out>/result.json`), the images it scored, and the progress it reports.
 */
import type { DefenseConfig, DefenseStats } from '../sim/defenses/types.js';
import type { Reconstruction } from '../sim/attacks/types.js';
import type { BackendInfo } from '../tensor/index.js';
import type { AttackConfig, AttackKind } from './attackConfigSchema.js';
import type { Provenance } from './provenance.js';

/** One progress report of a running attack. */
export interface AttackProgress {
  /** Iterations done (0 … steps). */
  readonly iteration: number;
  readonly steps: number;
  /** MSE of the current dummy to the truth, [0, 1] pixels (uses the ground truth: display only). */
  readonly mse: number;
  /** Wall time since the attack started, ms. */
  readonly ms: number;
}

/** The result of one attack run (plain JSON data). Image metrics are in `metricSpace`. */
export interface AttackRunResult {
  readonly command: 'attack';
  readonly attack: AttackKind;
  readonly defense: { readonly config: DefenseConfig; readonly description: string; readonly stats: DefenseStats };
  /** Gradients the attacker matched. */
  readonly selection: string;
  /**
   * Where the attacker's label came from: 'soft' (optimised), 'idlg' (iDLG on the update),
   * 'given' (declared knowledge), 'representation' (the class representation inference picked).
   */
  readonly labelSource: string;
  readonly image: { readonly dataset: string; readonly index: number; readonly label: number; readonly shape: readonly number[]; readonly source: string };
  /** MSE of the final reconstruction to the truth. */
  readonly mse: number;
  /** MSE of the attacker's best-by-loss reconstruction (no ground truth used to pick it). */
  readonly bestMse: number;
  /** Minimum MSE over all iterations (DLG notebook): USES THE GROUND TRUTH. */
  readonly mseMin: number;
  readonly mseMinIteration: number;
  readonly mseMinUsesGroundTruth: true;
  /** PSNR (dB, data range 1) of the final reconstruction. */
  readonly psnr: number;
  /** SSIM of the final reconstruction; variant in `ssimVariant`. */
  readonly ssim: number;
  readonly ssimVariant: string;
  /** Space of mse/bestMse/mseMin/psnr/ssim: [0, 1] pixels (`metricNote` says whether clamped). */
  readonly metricSpace: 'pixels01';
  /** GS only: the same metrics in the normalised space, as the GS script reports them. */
  readonly normalised?: {
    readonly mse: number; readonly bestMse: number; readonly mseMin: number; readonly mseMinIteration: number;
    readonly psnr: number; readonly psnrRange: number; readonly mean: readonly number[]; readonly std: readonly number[];
  };
  /** How the metrics were computed, in words. */
  readonly metricNote: string;
  readonly labelCorrect: boolean;
  readonly predictedLabel: number;
  /** iDLG's inference (attack 'idlg'). */
  readonly idlg?: { readonly label: number; readonly assumptionsHold: boolean; readonly reason: string };
  /**
   * repinfer only: `cor` (Soteria §3.2) between the representation inferred from the update and
   * the true one at the defended layer; USES THE GROUND TRUTH; null when undefined.
   */
  readonly repCor?: number | null;
  /** Optimizer steps / iterations made. */
  readonly steps: number;
  /** Objective evaluations (closure calls). */
  readonly evaluations: number;
  /** Wall time of the attack, ms. */
  readonly ms: number;
  readonly msPerEvaluation: number;
  /** Attack loss at the end, and the best one with its iteration. */
  readonly finalLoss: number;
  readonly bestLoss: number;
  readonly bestIteration: number;
  /** True when the loss or the dummy became non-finite (the run stopped there). */
  readonly diverged: boolean;
  readonly seed: number;
  readonly backend: BackendInfo;
  readonly config: AttackConfig;
  readonly provenance: Provenance;
}

/** An attack run: the result and the images behind its metrics ([1, H, W, C], [0, 1] pixels). */
export interface AttackRun {
  readonly result: AttackRunResult;
  readonly images: { readonly truth: Reconstruction; readonly reconstruction: Reconstruction; readonly best: Reconstruction };
}

/** The attack-specific part of a result, and the final and best reconstructions in [0, 1] pixels. */
export type AttackOutcome = Omit<AttackRunResult, 'command' | 'attack' | 'selection' | 'image' | 'seed' | 'backend' | 'config' | 'provenance'> & {
  readonly images: Omit<AttackRun['images'], 'truth'>;
};
