/**
 * `--vs-torch`: run tools/bench-torch.py (PyTorch on one thread, the same workloads and shapes)
 * in a child process and pair its timings with ours (theory-lemma1: the cases file written by
 * `writeLemma1Cases` is passed as --lemma1-cases). PyTorch is optional: when python, torch or
 * the script is missing the result says why and the tfjs part stands on its own.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TorchLemma1Check } from './lemma1Agreement.js';
import type { BenchResult } from './types.js';

/** One PyTorch timing (same fields as ours; backend e.g. 'torch 1.13.0 cpu, 1 thread'). */
export interface TorchResult {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  /** Mean ms per iteration (total time / iterations). */
  readonly meanMs: number;
  readonly iterations: number;
  readonly backend: string;
}

/** What the PyTorch side produced. */
export type TorchRun =
  | {
      readonly available: true;
      readonly python: string;
      readonly results: readonly TorchResult[];
      readonly skipped: readonly string[];
      readonly versions: Readonly<Record<string, string>>;
      /** theory-lemma1: PyTorch's untimed measurement of every exported case, in file order. */
      readonly lemma1Checks?: readonly TorchLemma1Check[];
    }
  | { readonly available: false; readonly python: string; readonly reason: string };

/** tfjs time / PyTorch time for one workload (> 1: tfjs is slower). */
export interface TorchRatio {
  readonly name: string;
  readonly medianRatio: number;
  readonly minRatio: number;
  /** Ratio of the mean (total time) per iteration: differs from the median when iterations differ in size (theory-lemma1). */
  readonly meanRatio: number;
}

/** Path of tools/bench-torch.py in a source checkout (src/bench or dist/bench → ../../tools). */
export const TORCH_SCRIPT = fileURLToPath(new URL('../../tools/bench-torch.py', import.meta.url));

/** The interpreter that has Debian's python3-torch: /usr/bin/python3 when present, else python3 on PATH. */
export function defaultPython(): string {
  return existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
}

/**
 * Run the PyTorch benchmark for the given workload names.
 * @returns its results, or why there are none (never throws for a missing python or torch).
 */
export function runTorchBench(o: { python: string; names: readonly string[]; passes: number; seed: number; lemma1Cases?: string; timeoutMs?: number }): TorchRun {
  const no = (reason: string): TorchRun => ({ available: false, python: o.python, reason });
  if (!existsSync(TORCH_SCRIPT)) return no(`${TORCH_SCRIPT} not found (it ships with the source repository, not the npm package)`);
  const args = [TORCH_SCRIPT, '--only', o.names.join(','), '--passes', String(o.passes), '--seed', String(o.seed), ...(o.lemma1Cases === undefined ? [] : ['--lemma1-cases', o.lemma1Cases])];
  const r = spawnSync(o.python, args, { encoding: 'utf8', timeout: o.timeoutMs ?? 30 * 60 * 1000, maxBuffer: 16 * 1024 * 1024 });
  if (r.error !== undefined) return no(`could not run ${o.python} (${r.error.message}); install Debian python3-torch or pass --python`);
  if (r.status !== 0) {
    const last = r.stderr.trim().split('\n').pop() ?? '';
    return no(r.status === 3 ? `${o.python} has no torch (${last}); install Debian python3-torch` : `bench-torch.py failed with exit code ${r.status}: ${last}`);
  }
  try {
    const parsed = JSON.parse(r.stdout) as { results: TorchResult[]; skipped?: string[]; versions?: Record<string, string>; checks?: { 'theory-lemma1'?: TorchLemma1Check[] } };
    const lemma1 = parsed.checks?.['theory-lemma1'];
    return { available: true, python: o.python, results: parsed.results, skipped: parsed.skipped ?? [], versions: parsed.versions ?? {}, ...(lemma1 ? { lemma1Checks: lemma1 } : {}) };
  } catch (e) {
    return no(`bench-torch.py printed no JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Ratios for the workloads both sides timed, in our order. */
export function torchRatios(ours: readonly BenchResult[], torch: readonly TorchResult[]): TorchRatio[] {
  return ours.flatMap((r) => {
    const t = torch.find((x) => x.name === r.torchName);
    return t === undefined ? [] : [{ name: r.name, medianRatio: r.medianMs / t.medianMs, minRatio: r.minMs / t.minMs, meanRatio: r.meanMs / t.meanMs }];
  });
}
