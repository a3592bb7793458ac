/**
 * Theorem-2 configurations for `soteria-lab check theorem2 [--preset synthetic|mnist] [--config FILE]`:
 * `synthetic` (theory-spec §5.6 pilot made affordable: shows the verdict in minutes on 2 cores) and
 * `mnist` (the paper's §6.3 setting; only the vacuity analysis is affordable). Data are built here
 * and handed to src/theory as plain arrays.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { makeLrProblem, runTheorem2, syntheticLrData, theorem2Vacuity, type ClaimReport, type DeviceData, type Theorem2Run } from '../theory/index.js';
import { loadMnist } from '../sim/data/mnist.js';

/** Named Theorem-2 configurations. */
export type Theorem2Preset = 'synthetic' | 'mnist';

const SyntheticSchema = z.strictObject({
  devices: z.number().int().min(2).default(10),
  samplesPerDevice: z.number().int().min(4).default(50),
  d: z.number().int().min(1).default(20),
  C: z.number().int().min(2).default(3),
  lambda: z.number().positive().default(0.3),
  eps: z.number().int().min(0).default(10),
  I: z.number().int().min(1).default(1),
  K: z.number().int().min(1).default(10),
  batch: z.union([z.literal('full'), z.number().int().min(1)]).default('full'),
  scheme: z.enum(['eq13', 'schemeI', 'schemeII', 'full']).default('eq13'),
  rounds: z.number().int().min(2).default(10_000),
  checkpoints: z.number().int().min(2).default(20),
  variants: z.array(z.enum(['eq13', 'schemeI', 'schemeII', 'full'])).default(['schemeI', 'schemeII', 'full']),
  variantSeeds: z.number().int().min(1).default(3),
  unbalanced: z.boolean().default(true),
});

/** The resolved synthetic configuration (all defaults filled). */
export type SyntheticTheorem2Config = z.infer<typeof SyntheticSchema>;

function readConfig(file: string | undefined): unknown {
  if (file === undefined) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new InputError(`--config ${file}: not readable JSON (got '${(e as Error).message}', expected a JSON object)`);
  }
}

/** Resolve the synthetic configuration from an optional JSON file (unknown keys are errors). */
export function resolveSyntheticConfig(file?: string): SyntheticTheorem2Config {
  const parsed = SyntheticSchema.safeParse(readConfig(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`--config ${file}: ${issue.path.join('.') || '(root)'}: ${issue.message} (got an invalid value, expected the theorem2 synthetic schema in docs/theory.md)`);
  }
  return parsed.data;
}

/** Run the synthetic configuration with `seeds` seeds. */
export function runSyntheticTheorem2(cfg: SyntheticTheorem2Config, seed: number, seeds: number): ClaimReport {
  return syntheticTheorem2Run(cfg, seed, seeds).report;
}

/** The synthetic check with its defended and ε = 0 control runs (what Fig. 7 plots). */
export function syntheticTheorem2Run(cfg: SyntheticTheorem2Config, seed: number, seeds: number): Theorem2Run {
  const mk = (unbalanced: boolean) =>
    makeLrProblem(syntheticLrData({ devices: cfg.devices, samplesPerDevice: cfg.samplesPerDevice, d: cfg.d, C: cfg.C, unbalanced, seed }), { C: cfg.C, d: cfg.d, lambda: cfg.lambda, eps: cfg.eps, bias: false });
  const range = (n: number): number[] => Array.from({ length: n }, (_, i) => seed + i);
  return runTheorem2({
    name: `synthetic ${JSON.stringify(cfg)}`,
    problem: mk(false),
    epsCount: cfg.eps,
    I: cfg.I,
    K: cfg.K,
    batch: cfg.batch,
    scheme: cfg.scheme,
    rounds: cfg.rounds,
    checkpoints: cfg.checkpoints,
    seeds: range(seeds),
    variants: cfg.variants,
    variantSeeds: range(cfg.variantSeeds),
    ...(cfg.unbalanced ? { unbalanced: mk(true) } : {}),
  });
}

/** MNIST as in Li et al.'s balanced split: 100 devices × 2 shards of 271 images of distinct digits. */
export function mnistDevices(): DeviceData[] {
  const ds = loadMnist('train');
  const byDigit = Array.from({ length: 10 }, () => [] as number[]);
  ds.labels.forEach((y, i) => byDigit[y].push(i));
  const shards = byDigit.flatMap((idx) => Array.from({ length: 20 }, (_, s) => idx.slice(s * 271, (s + 1) * 271)));
  return Array.from({ length: 100 }, (_, u) => {
    const rows = [...shards[u], ...shards[u + 100]];
    const x = new Float64Array(rows.length * 784);
    rows.forEach((r, j) => {
      for (let i = 0; i < 784; i++) x[j * 784 + i] = ds.images[r * 784 + i];
    });
    return { x, y: rows.map((r) => ds.labels[r]) };
  });
}

/** The paper's MNIST setting (§6.3 + Li et al.): λ = 1e-4, ε = 50, B = 32, E = 5 ⇒ I = 85, K = 10. */
export function runMnistTheorem2Vacuity(seed: number): ClaimReport {
  const t0 = performance.now();
  const P = makeLrProblem(mnistDevices(), { C: 10, d: 784, lambda: 1e-4, eps: 50, bias: true });
  const I = 5 * Math.ceil(542 / 32);
  const family = theorem2Vacuity(P, { name: 'mnist', epsCount: 50, I, K: 10 });
  return {
    claim: 'theorem2',
    statement: 'E[F(W_T)] − F* ≤ (2κ/(γ+T))·((Q + C)/μ + (μγ/2)E‖W_0 − W*‖²) (Soteria, Theorem 2), MNIST setting of §6.3',
    verdict: family.verdict,
    cases: 1,
    violations: 0,
    counterexample: null,
    families: [family],
    seed,
    samples: 1,
    runtimeMs: performance.now() - t0,
    notes: ['MNIST: N=100 devices × 542 images (2 digits, Li et al. balanced shards), d̃=785, C=10, λ=1e-4, ε=50, B=32, E=5 ⇒ I=85, K=10. Only the vacuity analysis runs (no F*, no simulation): the bound certifies nothing before T_progress.'],
  };
}

/** Dispatch for the CLI. */
export async function runTheorem2Check(o: { seed: number; samples?: number; preset: Theorem2Preset; configFile?: string; log?: (m: string) => void }): Promise<ClaimReport> {
  if (o.preset === 'mnist') {
    if (o.configFile !== undefined) throw new InputError(`--config: the mnist preset takes no config (got '${o.configFile}', expected no --config)`);
    o.log?.('theorem2/mnist: loading MNIST and computing the vacuity analysis (about a minute)…');
    return runMnistTheorem2Vacuity(o.seed);
  }
  const cfg = resolveSyntheticConfig(o.configFile);
  o.log?.(`theorem2/synthetic: ${o.samples ?? 10} seeds × ${cfg.rounds} rounds (a few minutes on 2 cores)…`);
  return runSyntheticTheorem2(cfg, o.seed, o.samples ?? 10);
}
