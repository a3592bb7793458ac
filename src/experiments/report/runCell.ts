/**
 * Run one cell of any kind, in the current thread (a worker or the main thread), and wrap its
 * result in a `CellRecord`. The tfjs backend is initialised once per thread.
 */
import { initBackend } from '../../tensor/index.js';
import type { BackendName } from '../../tensor/index.js';
import { cellId, type CellSpec } from './cellSpec.js';
import type { CellRecord } from './cellRecord.js';
import { runDlgCell } from './runDlgCell.js';
import { runGsCell } from './runGsCell.js';
import { runCheckCell, runTheorem2Cell } from './runTheoryCell.js';
import { runTrainCell } from './runTrainCell.js';
import { runTable1Cell } from './table1Section.js';

/** What every cell run needs besides its spec. */
export interface CellRunOptions {
  readonly backend: BackendName;
  /** Sweep output directory (train cells checkpoint under `<workDir>/train/<id>`). */
  readonly workDir: string;
  readonly dataDir?: string;
}

const TFJS_KINDS = new Set<CellSpec['kind']>(['dlg', 'gs', 'train', 'table1']);

/**
 * Run one cell.
 * @param spec - the cell.
 * @param o - backend, work directory, data directory.
 * @returns the record to store (timing apart from the result).
 */
export async function runCell(spec: CellSpec, o: CellRunOptions): Promise<CellRecord> {
  const id = cellId(spec);
  const t0 = performance.now();
  const backend = TFJS_KINDS.has(spec.kind) ? (await initBackend(o.backend)).name : 'none';
  const result = await dispatch(spec, id, o);
  return { id, spec, backend, result, timing: { ms: Math.round(performance.now() - t0), finishedAt: new Date().toISOString() } };
}

async function dispatch(spec: CellSpec, id: string, o: CellRunOptions): Promise<unknown> {
  switch (spec.kind) {
    case 'dlg': return runDlgCell(spec, o.dataDir);
    case 'gs': return runGsCell(spec, o.dataDir);
    case 'train': return runTrainCell(spec, { id, workDir: o.workDir, backend: o.backend, ...(o.dataDir !== undefined ? { dataDir: o.dataDir } : {}), log: () => undefined });
    case 'check': return runCheckCell(spec);
    case 'theorem2': return runTheorem2Cell(spec);
    case 'table1': return runTable1Cell(spec);
  }
}
