/**
 * Run one theory check for the CLI (`soteria-lab check <claim>`): dispatches to the float64
 * checkers of src/theory (or to a user's map with --map, or to the float32 simulator bridge with
 * --bridge lenet), and formats the one-screen summary.
 */
import { InputError } from '../errors.js';
import type { BackendName } from '../tensor/index.js';
import { checkAlgorithm1, checkLemma1, checkLemma1OnMap, checkTheorem1, checkTheorem1OnMap, type ClaimName, type ClaimReport, type Verdict } from '../theory/index.js';
import { loadUserMap } from './checkUserMap.js';
import { runTheorem2Check, type Theorem2Preset } from './checkTheorem2.js';
import { bridgeSummaryLines } from './theoryBridgeSummary.js';

/** Models the float32 bridge (`--bridge`) can feed into a theory checker. */
import { BRIDGE_MODELS } from './theoryBridgeOptions.js';

export { BRIDGE_MODELS };

/** What the CLI asks for. */
export interface CheckRequest {
  readonly claim: ClaimName;
  readonly seed: number;
  readonly samples?: number;
  readonly mapFile?: string;
  readonly preset?: Theorem2Preset;
  readonly configFile?: string;
  /** theorem1 only: run the float32 bridge on this simulator model instead of the float64 families. */
  readonly bridge?: (typeof BRIDGE_MODELS)[number];
  /** --bridge: the LeNet input [H, W, C]. @default [32, 32, 3] */
  readonly inputShape?: readonly [number, number, number];
  /** --bridge: tfjs backend. @default 'auto' */
  readonly backend?: BackendName;
  readonly log?: (message: string) => void;
}

/** The bridge loads tfjs, so it is imported only when asked for (the other claims stay float64-only). */
async function runBridge(req: CheckRequest): Promise<ClaimReport> {
  if (req.claim !== 'theorem1') throw new InputError(`--bridge: only theorem1 takes a bridge (got '${req.claim}', expected theorem1)`);
  if (req.mapFile !== undefined) throw new InputError(`--bridge: cannot be combined with --map (got both, expected one of them)`);
  const { bridgeLenetTheorem1 } = await import('./theoryBridgeLenet.js');
  return bridgeLenetTheorem1({
    seed: req.seed,
    ...(req.samples !== undefined ? { samples: req.samples } : {}),
    ...(req.inputShape !== undefined ? { inputShape: req.inputShape } : {}),
    ...(req.backend !== undefined ? { backend: req.backend } : {}),
    ...(req.log !== undefined ? { log: req.log } : {}),
  });
}

/** Run the requested check and return its report. */
export async function runCheck(req: CheckRequest): Promise<ClaimReport> {
  if (req.bridge !== undefined) return runBridge(req);
  if (req.inputShape !== undefined) throw new InputError(`--input-shape: only used with --bridge (got no --bridge, expected --bridge lenet)`);
  const opts = { seed: req.seed, ...(req.samples !== undefined ? { samples: req.samples } : {}) };
  if (req.mapFile !== undefined) {
    if (req.claim !== 'lemma1' && req.claim !== 'theorem1') {
      throw new InputError(`--map: only lemma1 and theorem1 take a map (got '${req.claim}', expected lemma1 or theorem1)`);
    }
    const map = await loadUserMap(req.mapFile);
    return req.claim === 'lemma1' ? checkLemma1OnMap(map, opts) : checkTheorem1OnMap(map, opts);
  }
  switch (req.claim) {
    case 'lemma1':
      return checkLemma1(opts);
    case 'theorem1':
      return checkTheorem1(opts);
    case 'algorithm1':
      return checkAlgorithm1(opts);
    case 'theorem2':
      return runTheorem2Check({ ...opts, preset: req.preset ?? 'synthetic', configFile: req.configFile, log: req.log });
  }
}

const fmt = (x: number): string => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toFixed(4));

function verdictLine(v: Verdict): string {
  if (v.status === 'inapplicable') return `inapplicable (${v.reason})`;
  return `${v.status}: lhs ${fmt(v.lhs)} ${v.relation} rhs ${fmt(v.rhs)}, margin ${fmt(v.margin)}`;
}

/** Human summary of a report (stdout without --json). */
export function formatCheckSummary(r: ClaimReport): string {
  const lines = [
    `${r.claim}: ${r.statement}`,
    `verdict: ${verdictLine(r.verdict)}`,
    `cases ${r.cases}, violations ${r.violations}, seed ${r.seed}, samples ${r.samples}, ${(r.runtimeMs / 1000).toFixed(1)} s`,
    `counterexample: ${r.counterexample === null ? 'none' : JSON.stringify(r.counterexample)}`,
    '',
    ...r.families.map((f) => `  ${f.name.padEnd(44)} ${String(f.cases).padStart(5)} cases ${String(f.violations).padStart(5)} viol  ${verdictLine(f.verdict)}`),
    '',
    ...bridgeSummaryLines(r),
    ...r.notes.map((n) => `note: ${n}`),
  ];
  return lines.join('\n');
}
