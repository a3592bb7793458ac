/**
 * One request/reply exchange with a worker thread that answers each posted message with one
 * message.
 */
import type { Worker } from 'node:worker_threads';

/**
 * Post `message` (transferring `transfer`) and wait for the worker's reply.
 * @param describe - what the worker was doing, for the error when it exits without replying.
 * @returns the reply. Rejects when the worker throws or exits first.
 */
export function askWorker<Reply>(worker: Worker, message: unknown, describe: string, transfer: readonly ArrayBuffer[] = []): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const cleanup = (): void => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (reply: Reply): void => { cleanup(); resolve(reply); };
    const onError = (error: Error): void => { cleanup(); reject(error); };
    const onExit = (code: number): void => { cleanup(); reject(new Error(`a worker exited (code ${code}) while ${describe} (out of memory?)`)); };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(message, [...transfer]);
  });
}
