/**
 * `soteria-lab bench` end to end: select the workloads, initialise the backend, time them,
 * optionally run the PyTorch side, and return the JSON result with its provenance.
 */
import { initBackend } from '../tensor/index.js';
import type { BackendInfo, BackendName } from '../tensor/index.js';
import { makeProvenance } from '../experiments/provenance.js';
import type { Provenance } from '../experiments/provenance.js';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { formatLemma1Agreement, lemma1Agreement } from './lemma1Agreement.js';
import type { Lemma1AgreementRow } from './lemma1Agreement.js';
import { writeLemma1Cases } from './lemma1Cases.js';
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
  /** theory-lemma1 with PyTorch: JS vs PyTorch e, relDiff and κ per case. */
  readonly lemma1Agreement?: readonly Lemma1AgreementRow[];
  readonly provenance: Provenance;
}

/** Run tools/bench-torch.py (with the exported Lemma-1 cases when theory-lemma1 is selected) and check its Lemma-1 values. */
function torchSide(req: BenchRequest, python: string, torchNames: readonly string[]): { torch: TorchRun; lemma1?: readonly Lemma1AgreementRow[] } {
  req.log(`bench: running tools/bench-torch.py with ${python} (PyTorch, 1 thread)`);
  const cases = torchNames.includes('theory-lemma1') ? writeLemma1Cases(req.seed) : undefined;
  let torch: TorchRun;
  try {
    torch = runTorchBench({ python, names: torchNames, passes: req.passes, seed: req.seed, ...(cases ? { lemma1Cases: cases.path } : {}) });
  } finally {
    if (cases) rmSync(dirname(cases.path), { recursive: true, force: true });
  }
  if (!torch.available) {
    req.log(`bench: no PyTorch comparison: ${torch.reason}`);
    return { torch };
  }
  if (!cases || !torch.lemma1Checks) return { torch };
  const lemma1 = lemma1Agreement(cases.cases, torch.lemma1Checks);
  for (const line of formatLemma1Agreement(lemma1)) req.log(`bench: ${line}`);
  return { torch, lemma1 };
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
  const { torch, lemma1 } = req.torchPython === undefined ? { torch: undefined, lemma1: undefined } : torchSide(req, req.torchPython, torchNames);
  const config = { only: names, passes: req.passes, vsTorch: req.torchPython !== undefined };
  return {
    results,
    workloads: workloads.map((w) => ({ name: w.name, description: w.description, iterationsPerPass: w.iterationsPerPass })),
    backend,
    ...(torch === undefined ? {} : { torch }),
    ...(torch?.available === true ? { ratios: torchRatios(results, torch.results) } : {}),
    ...(lemma1 === undefined ? {} : { lemma1Agreement: lemma1 }),
    provenance: makeProvenance({ argv: req.argv, seed: req.seed, backend, config, startedAt }),
  };
}
