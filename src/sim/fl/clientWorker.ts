/**
 * Worker-thread entry of the client pool (compiled to dist/sim/fl/clientWorker.js): its own tfjs
 * instance, initialised with the main thread's backend on the first job; trains the devices the
 * main thread posts, one at a time, and posts back each result (parameter buffers transferred).
 */
import { parentPort } from 'node:worker_threads';
import { initBackend, parseBackendName } from '../../tensor/index.js';
import { paramBuffers, runClientJob } from './clientJob.js';
import type { ClientJob, ClientResult } from './clientJob.js';

/** Worker → main thread. */
export type ClientReply =
  | { readonly ok: true; readonly result: ClientResult }
  | { readonly ok: false; readonly message: string };

const port = parentPort;
let ready: Promise<unknown> | undefined;
if (port !== null) {
  port.on('message', (job: ClientJob) => {
    ready ??= initBackend(parseBackendName(job.backend));
    ready.then(() => runClientJob(job)).then(
      (result) => port.postMessage({ ok: true, result } satisfies ClientReply, paramBuffers(result.params)),
      (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies ClientReply),
    );
  });
}
