/**
 * The timing harness of `soteria-lab bench`: set every workload up, warm each one up (checking
 * that an iteration leaves no tensor behind), then run `passes` passes that interleave the
 * workloads (pass 1 of every workload, then pass 2, …) so that a change in machine load hits all
 * of them alike. Every iteration is timed on its own; the result is the median and minimum.
 */
import { tf } from '../tensor/index.js';
import type { BenchResult, BenchWorkload, PreparedWorkload } from './types.js';

/** Options of `runBench`. */
export interface RunBenchOptions {
  /** Number of interleaved passes (≥ 1). */
  readonly passes: number;
  /** Seed of every workload's model, data and dummy inputs. */
  readonly seed: number;
  /** Called with one line before each workload's setup and each pass. */
  readonly log?: (message: string) => void;
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function warmUp(w: BenchWorkload, prepared: PreparedWorkload): Promise<void> {
  for (let i = 0; i < w.warmup; i++) {
    const before = tf.memory().numTensors;
    await prepared.run();
    const leaked = tf.memory().numTensors - before;
    if (leaked !== 0) throw new Error(`bench: workload '${w.name}' leaves ${leaked} tensor(s) per iteration (expected 0)`);
  }
}

/**
 * Time the workloads.
 * @param workloads - what to run, in report order.
 * @param options - passes, seed, progress log.
 * @returns one result per workload, in the same order.
 */
export async function runBench(workloads: readonly BenchWorkload[], options: RunBenchOptions): Promise<BenchResult[]> {
  if (!(Number.isSafeInteger(options.passes) && options.passes >= 1)) throw new RangeError(`runBench: passes must be a positive integer (got ${options.passes})`);
  const log = options.log ?? ((): void => undefined);
  const prepared: PreparedWorkload[] = [];
  try {
    for (const w of workloads) {
      log(`bench: setting up ${w.name}`);
      prepared.push(w.setup(options.seed));
      await warmUp(w, prepared[prepared.length - 1]);
    }
    const times: number[][] = workloads.map(() => []);
    const wall = workloads.map(() => 0);
    for (let p = 0; p < options.passes; p++) {
      log(`bench: pass ${p + 1}/${options.passes}`);
      for (const [k, w] of workloads.entries()) {
        for (let i = 0; i < w.iterationsPerPass; i++) {
          const t0 = performance.now();
          await prepared[k].run();
          const dt = performance.now() - t0;
          times[k].push(dt);
          wall[k] += dt;
        }
      }
    }
    const backend = tf.getBackend();
    return workloads.map((w, k) => ({
      name: w.name,
      medianMs: median(times[k]),
      minMs: Math.min(...times[k]),
      meanMs: wall[k] / times[k].length,
      iterations: times[k].length,
      passes: options.passes,
      backend: w.tfjsFree === true ? 'float64-js' : backend,
      threads: w.threads ?? 1,
      torchName: w.torchName ?? w.name,
      perSecond: (1000 * times[k].length) / wall[k],
    }));
  } finally {
    for (const p of prepared) await p.dispose();
  }
}
