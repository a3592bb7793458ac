/**
 * Runs a sweep's cells on both cores: `workers` worker threads (each its own tfjs instance,
 * from the compiled `cellWorker.js`), or in the calling thread when `workers` is 0 (tests run
 * the TypeScript sources, where a worker cannot load `.ts`).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError } from '../../errors.js';
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

/**
 * The worker entry: the sibling `cellWorker.js` when running compiled code, else the compiled
 * copy under dist/ (running from src/ in tests).
 * @throws Error when no compiled worker exists.
 */
export function workerEntry(): URL {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.js') ? here.replace(/cellPool\.js$/, 'cellWorker.js') : here.replace(/([\\/])src([\\/])(?!.*[\\/]src[\\/])/, '$1dist$2').replace(/cellPool\.ts$/, 'cellWorker.js');
  if (!existsSync(file)) throw new Error(`report: worker entry ${file} not found (run \`npm run build\`, or use --workers 0)`);
  return pathToFileURL(file);
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
      const reply = await ask(worker, { spec, options: o.cell });
      if (reply.ok) o.onDone(reply.record);
      else errors.push(reply.inputError ? new InputError(reply.message.split('\n')[0].replace(/^InputError: /, '')) : new Error(`report: cell ${spec.kind} failed in a worker: ${reply.message}`));
    }
  } finally {
    await worker.terminate();
  }
}

function ask(worker: Worker, job: CellJob): Promise<CellReply> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: CellReply): void => { cleanup(); resolve(reply); };
    const onError = (error: Error): void => { cleanup(); reject(error); };
    const onExit = (code: number): void => { cleanup(); reject(new Error(`report: a worker exited (code ${code}) while running a ${job.spec.kind} cell (out of memory?)`)); };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}
