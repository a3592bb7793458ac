/**
 * Runs a sweep's cells on both cores: `workers` worker threads (each its own tfjs instance,
 * from the compiled `cellWorker.js`), or in the calling thread when `workers` is 0 (tests run
 * the TypeScript sources, where a worker cannot load `.ts`).
 */
import { Worker } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import { askWorker } from '../../workers/askWorker.js';
import { compiledWorkerUrl } from '../../workers/compiledWorkerUrl.js';
import type { CellSpec } from './cellSpec.js';
import type { CellRecord } from './cellRecord.js';
import type { CellJob, CellReply } from './cellWorker.js';
import { runCell, type CellRunOptions } from './runCell.js';

/** Options of `runCellPool`. */
export interface CellPoolOptions {
  /** Worker threads; 0 = run in this thread. */
  readonly workers: number;
  readonly cell: CellRunOptions;
  /** Called in the main thread as each cell finishes (store it here). */
  readonly onDone: (record: CellRecord) => void;
}

/** The worker entry (compiled `cellWorker.js`). @throws Error when no compiled worker exists. */
export function workerEntry(): URL {
  return compiledWorkerUrl(import.meta.url, 'cellWorker.js', 'report');
}

/**
 * Run every spec; each finished record goes to `onDone` at once (so a killed sweep keeps it).
 * Cells that fail do not stop the others; the first failure is rethrown at the end.
 * @param specs - the cells to run.
 * @param o - workers, per-cell options, completion callback.
 */
export async function runCellPool(specs: readonly CellSpec[], o: CellPoolOptions): Promise<void> {
  const errors: Error[] = [];
  if (o.workers === 0) {
    for (const spec of specs) {
      try {
        o.onDone(await runCell(spec, o.cell));
      } catch (error) {
        errors.push(error as Error);
      }
    }
  } else {
    const queue = [...specs];
    const entry = workerEntry();
    await Promise.all(Array.from({ length: Math.min(o.workers, specs.length) }, () => drain(entry, queue, o, errors)));
  }
  if (errors.length > 0) throw errors.find((e) => e instanceof InputError) ?? errors[0];
}

/** One worker taking cells from the shared queue until it is empty. */
async function drain(entry: URL, queue: CellSpec[], o: CellPoolOptions, errors: Error[]): Promise<void> {
  const worker = new Worker(entry);
  try {
    for (let spec = queue.shift(); spec !== undefined; spec = queue.shift()) {
      const job: CellJob = { spec, options: o.cell };
      const reply = await askWorker<CellReply>(worker, job, `running a ${spec.kind} cell`);
      if (reply.ok) o.onDone(reply.record);
      else errors.push(reply.inputError ? new InputError(reply.message.split('\n')[0].replace(/^InputError: /, '')) : new Error(`report: cell ${spec.kind} failed in a worker: ${reply.message}`));
    }
  } finally {
    await worker.terminate();
  }
}
