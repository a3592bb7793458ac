/**
 * Worker-thread entry of a report sweep (compiled to dist/experiments/report/cellWorker.js):
 * its own tfjs instance (initialised by the first cell), runs the cells the main thread posts,
 * one at a time, and posts back each record or error.
 */
import { parentPort } from 'node:worker_threads';
import { InputError } from '../../errors.js';
import type { CellSpec } from './cellSpec.js';
import { runCell, type CellRunOptions } from './runCell.js';

/** Main thread → worker. */
export interface CellJob {
  readonly spec: CellSpec;
  readonly options: CellRunOptions;
}

/** Worker → main thread. */
export type CellReply =
  | { readonly ok: true; readonly record: Awaited<ReturnType<typeof runCell>> }
  | { readonly ok: false; readonly message: string; readonly inputError: boolean };

const port = parentPort;
if (port !== null) {
  port.on('message', (job: CellJob) => {
    runCell(job.spec, job.options).then(
      (record) => port.postMessage({ ok: true, record } satisfies CellReply),
      (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error), inputError: error instanceof InputError } satisfies CellReply),
    );
  });
}
