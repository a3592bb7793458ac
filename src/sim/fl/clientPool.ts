/**
 * Worker threads that train a round's devices in parallel (the devices of a FedAvg round are
 * independent given the global model). Each worker has its own tfjs instance and keeps it
 * between rounds; results come back in job order and equal the in-thread results bit for bit
 * (same backend, same kernels, same rng streams). A worker that exits or fails is dropped and
 * replaced on the next call.
 */
import { Worker } from 'node:worker_threads';
import { askWorker } from '../../workers/askWorker.js';
import { compiledWorkerUrl } from '../../workers/compiledWorkerUrl.js';
import type { ClientJob, ClientResult } from './clientJob.js';
import type { ClientReply } from './clientWorker.js';

/** A pool of `size` client workers, started on first use; `close` stops them. */
export class ClientPool {
  readonly size: number;
  private workers: Worker[] = [];

  /** @param size - number of worker threads (≥ 1). */
  constructor(size: number) {
    if (!(Number.isSafeInteger(size) && size >= 1)) throw new RangeError(`ClientPool: size must be a positive integer (got ${size})`);
    this.size = size;
  }

  /**
   * Train every job, at most `size` at a time. After the first failure no further job starts;
   * the call settles once the jobs already running have ended.
   * @returns the results in job order. Rejects with the first failure.
   */
  async train(jobs: readonly ClientJob[]): Promise<ClientResult[]> {
    const results: ClientResult[] = new Array(jobs.length);
    let failure: Error | undefined;
    let next = 0;
    const drain = async (worker: Worker): Promise<void> => {
      for (let i = next++; i < jobs.length && failure === undefined; i = next++) {
        const job = jobs[i];
        try {
          const reply = await askWorker<ClientReply>(worker, job, `training device ${job.client} of round ${job.round + 1}`);
          if (reply.ok) results[i] = reply.result;
          else failure ??= new Error(`client pool: device ${job.client} of round ${job.round + 1} failed in a worker: ${reply.message}`);
        } catch (error) {
          this.drop(worker);
          failure ??= error instanceof Error ? error : new Error(String(error));
          return;
        }
      }
    };
    await Promise.all(this.start(Math.min(this.size, jobs.length)).map(drain));
    if (failure !== undefined) throw failure;
    return results;
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(ws.map((w) => w.terminate()));
  }

  private start(n: number): Worker[] {
    while (this.workers.length < n) {
      const worker = new Worker(compiledWorkerUrl(import.meta.url, 'clientWorker.js', 'client pool'));
      // between jobs nobody else listens: an idle worker's error or exit only removes it
      worker.on('error', () => this.drop(worker));
      worker.on('exit', () => this.drop(worker));
      this.workers.push(worker);
    }
    return this.workers.slice(0, n);
  }

  private drop(worker: Worker): void {
    this.workers = this.workers.filter((w) => w !== worker);
    void worker.terminate();
  }
}
