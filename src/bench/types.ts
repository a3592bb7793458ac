/**
 * Records of `soteria-lab bench` (issue 7): a workload, what one timed run of it returns, and
 * the JSON result of the whole command.
 */

/** A workload ready to be timed: `run` is one iteration; `dispose` frees what `setup` made. */
export interface PreparedWorkload {
  /** One iteration (asynchronous only where it waits for worker threads). */
  readonly run: () => void | Promise<void>;
  /** Frees the tensors the setup created (and stops any workers). */
  readonly dispose: () => void | Promise<void>;
}

/** One named benchmark. */
export interface BenchWorkload {
  /** Stable name, e.g. `dlg-closure-lenet-b1` (the same name in tools/bench-torch.py). */
  readonly name: string;
  /** One line: what an iteration does, with the shapes. */
  readonly description: string;
  /** Timed iterations per pass (passes interleave the workloads). */
  readonly iterationsPerPass: number;
  /** Untimed iterations before the first pass. */
  readonly warmup: number;
  /** True when the workload never touches tfjs (the backend field is then 'float64-js'). */
  readonly tfjsFree?: boolean;
  /** Threads doing the work (worker threads for the pooled workloads). @default 1 */
  readonly threads?: number;
  /** The tools/bench-torch.py workload that times the same work. @default name */
  readonly torchName?: string;
  /** Builds the model, data and closures from the seed. */
  readonly setup: (seed: number) => PreparedWorkload;
}

/** Timing of one workload. JSON-serialisable. */
export interface BenchResult {
  readonly name: string;
  /** Median over every timed iteration, ms. */
  readonly medianMs: number;
  /** Fastest timed iteration, ms. */
  readonly minMs: number;
  /** Mean over every timed iteration (total timed wall / iterations), ms. */
  readonly meanMs: number;
  /** Number of timed iterations (passes × iterationsPerPass). */
  readonly iterations: number;
  readonly passes: number;
  /** The tfjs backend that ran it (or 'float64-js' for the theory checker). */
  readonly backend: string;
  /** Threads doing the work (PyTorch's side always runs on one). */
  readonly threads: number;
  /** The PyTorch workload it is compared with. */
  readonly torchName: string;
  /** Iterations per second from the total timed wall time (theory-lemma1: checks per second). */
  readonly perSecond: number;
}
