/**
 * `soteria-lab bench` end to end: select the workloads, initialise the backend, time them,
 * optionally run the PyTorch side, and return the JSON result with its provenance.
 */
import { initBackend } from '../tensor/index.js';
import type { BackendInfo, BackendName } from '../tensor/index.js';
import { makeProvenance } from '../experiments/provenance.js';
import type { Provenance } from '../experiments/provenance.js';
import { runBench } from './runBench.js';
import { runTorchBench, torchRatios } from './torchCompare.js';
import type { TorchRatio, TorchRun } from './torchCompare.js';
import type { BenchResult } from './types.js';
import { selectWorkloads } from './workloads.js';

/** Inputs of `benchReport` (already parsed by the CLI). */
export interface BenchRequest {
  /** Comma list of workload names; undefined runs all. */
  readonly only?: string;
  readonly passes: number;
  readonly seed: number;
  readonly backend: BackendName;
  /** Run tools/bench-torch.py afterwards with this interpreter; undefined: no PyTorch side. */
  readonly torchPython?: string;
  readonly argv: readonly string[];
  readonly log: (message: string) => void;
}

/** The JSON result of `soteria-lab bench`. */
export interface BenchReport {
  readonly results: readonly BenchResult[];
  readonly workloads: readonly { readonly name: string; readonly description: string; readonly iterationsPerPass: number }[];
  readonly backend: BackendInfo;
  /** Present with --vs-torch. */
  readonly torch?: TorchRun;
  /** tfjs / PyTorch per workload both timed (present when PyTorch ran). */
  readonly ratios?: readonly TorchRatio[];
  readonly provenance: Provenance;
}

/**
 * Run the benchmark.
 * @throws InputError for an unknown workload name (before any work).
 */
export async function benchReport(req: BenchRequest): Promise<BenchReport> {
  const workloads = selectWorkloads(req.only);
  const startedAt = new Date();
  const backend = await initBackend(req.backend);
  req.log(`bench: ${workloads.length} workload(s) on ${backend.detail}, ${req.passes} interleaved pass(es)`);
  const results = await runBench(workloads, { passes: req.passes, seed: req.seed, log: req.log });
  const names = workloads.map((w) => w.name);
  const torchNames = [...new Set(workloads.map((w) => w.torchName ?? w.name))];
  let torch: TorchRun | undefined;
  if (req.torchPython !== undefined) {
    req.log(`bench: running tools/bench-torch.py with ${req.torchPython} (PyTorch, 1 thread)`);
    torch = runTorchBench({ python: req.torchPython, names: torchNames, passes: req.passes, seed: req.seed });
    if (!torch.available) req.log(`bench: no PyTorch comparison: ${torch.reason}`);
  }
  const config = { only: names, passes: req.passes, vsTorch: req.torchPython !== undefined };
  return {
    results,
    workloads: workloads.map((w) => ({ name: w.name, description: w.description, iterationsPerPass: w.iterationsPerPass })),
    backend,
    ...(torch === undefined ? {} : { torch }),
    ...(torch?.available === true ? { ratios: torchRatios(results, torch.results) } : {}),
    provenance: makeProvenance({ argv: req.argv, seed: req.seed, backend, config, startedAt }),
  };
}
