/**
 * The cell model of a report sweep: a report preset is a list of cells, each a small plain-JSON
 * config (`kind`, its parameters, a seed) whose stable id is the hash of its canonical JSON.
 * Equal configs share one id, so sections that need the same run share one result.
 */
import type { DefenseConfig } from '../../sim/defenses/index.js';
import type { ClaimName } from '../../theory/index.js';
import type { SyntheticTheorem2Config } from '../checkTheorem2.js';
import type { Table1ConfigInput } from '../table1Config.js';
import { configHash } from '../provenance.js';

/** Image datasets an attack cell can draw its target image from. */
export type ImageDataset = 'mnist' | 'fashionMnist' | 'cifar10';

/** DLG on one test image against one defense (Zhu et al. 2019; Soteria Fig. 3, 5, 6). */
export interface DlgCellSpec {
  readonly kind: 'dlg';
  readonly dataset: ImageDataset;
  /** Index of the target image in the test split. */
  readonly imageIndex: number;
  readonly defense: DefenseConfig;
  /**
   * WG = 'all', CLG = 'conv', adaptive attack = 'allButDefended'; 'rep' = the Rep attack of
   * Fig. 3 (DLG-style L-BFGS matching the representation inferred from the update, §3.2).
   */
  readonly selection: 'all' | 'conv' | 'allButDefended' | 'rep';
  /** L-BFGS steps (notebook: 300). */
  readonly steps: number;
  readonly seed: number;
}

/** Models a GS cell can attack (untrained, as Soteria's GS script). */
export type GsModelKind = 'lenetDlg' | 'convNet';

/**
 * Inverting gradients (GS, Geiping et al. 2020) on one test image against one defense, as
 * Soteria's GS script runs it (Fig. 5 GS rows, Fig. 6): normalised images, label from iDLG.
 */
export interface GsCellSpec {
  readonly kind: 'gs';
  readonly dataset: ImageDataset;
  /** 'lenetDlg' takes MNIST / Fashion-MNIST zero-padded to 32×32; 'convNet' (width 64) the image as is. */
  readonly model: GsModelKind;
  readonly imageIndex: number;
  /** Soteria runs with `score: 'gsScript'` (the GS script's scores). */
  readonly defense: DefenseConfig;
  /** GS preset: 'paper' (120 iterations) or 'code' (24 000). */
  readonly preset: 'paper' | 'code';
  /** Adam steps (the preset's count, or fewer in tests). */
  readonly iterations: number;
  readonly seed: number;
}

/** A short FedAvg training run with one defense (the accuracy axis of Fig. 5, the curves of Fig. 7). */
export interface TrainCellSpec {
  readonly kind: 'train';
  /** A `soteria-lab train` preset name. */
  readonly preset: string;
  readonly rounds: number;
  readonly defense: DefenseConfig;
  readonly seed: number;
}

/** One float64 theory check (`soteria-lab check CLAIM --samples N`). */
export interface CheckCellSpec {
  readonly kind: 'check';
  readonly claim: Exclude<ClaimName, 'theorem2'>;
  readonly samples: number;
  readonly seed: number;
}

/** Theorem 2 on a synthetic LR problem: the verdict and the curves drawn in Fig. 7. */
export interface Theorem2CellSpec {
  readonly kind: 'theorem2';
  /** Overrides of the synthetic configuration (`check theorem2 --config`). */
  readonly config: Partial<SyntheticTheorem2Config>;
  /** Number of seeds of the envelope runs (seed, seed + 1, …). */
  readonly seedCount: number;
  readonly seed: number;
}

/** Representation inference on FedAvg updates (Table 1) through `runTable1`. */
export interface Table1CellSpec {
  readonly kind: 'table1';
  /** A Table-1 config without its seed. */
  readonly config: Omit<Table1ConfigInput, 'seed'>;
  readonly seed: number;
}

/** Every kind of cell. */
export type CellSpec = DlgCellSpec | GsCellSpec | TrainCellSpec | CheckCellSpec | Theorem2CellSpec | Table1CellSpec;

/** A cell kind name. */
export type CellKind = CellSpec['kind'];

/**
 * Stable id of a cell: the first 16 hex digits of sha256(canonical JSON of the spec).
 * @param spec - the cell config.
 * @returns the id (also the file name of its result).
 */
export function cellId(spec: CellSpec): string {
  return configHash(spec).slice(0, 16);
}

