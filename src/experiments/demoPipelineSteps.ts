/**
 * The demo's later steps: a short federated training with and without a defense (the simulator
 * end to end, through the same `runTrain` as `soteria-lab train`), and two float64 theory checks
 * (through the same `runCheck` as `soteria-lab check`). Each returns a `DemoStep` with measured
 * figures; a violated claim is a figure, not a failure.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackendName } from '../tensor/index.js';
import type { ClaimName } from '../theory/index.js';
import { runCheck } from './checkClaim.js';
import type { DemoStep } from './demoSteps.js';
import { resolveTrainConfig } from './resolveTrainConfig.js';
import { runTrain } from './runTrain.js';

/**
 * Defenses the demo trains with. Soteria uses the exact-count rule: on ReLU models the notebook
 * score is 0/0 = NaN for dead units, which makes the official percentile rule prune nothing.
 */
const DEMO_DEFENSES = [
  { label: 'none', config: { kind: 'none' } },
  { label: 'soteria40', config: { kind: 'soteria', percent: 40, rule: 'exact' } },
] as const;

/**
 * Trains the `quick` preset for `rounds` rounds once per demo defense, in fresh run folders
 * under `outDir/train-*` (a demo never resumes an older run).
 */
export async function trainStep(o: { rounds: number; seed: number; backend: BackendName; outDir: string; log: (m: string) => void }): Promise<DemoStep> {
  const t0 = performance.now();
  const figures: Record<string, number | string> = { preset: 'quick', rounds: o.rounds };
  for (const { label, config: defense } of DEMO_DEFENSES) {
    const { config } = resolveTrainConfig({ preset: 'quick', overrides: { rounds: o.rounds, seed: o.seed, defense } });
    const dir = join(o.outDir, `train-${label}`);
    rmSync(dir, { recursive: true, force: true });
    const r = await runTrain({ config, outDir: dir, backend: o.backend, argv: ['train', '--preset', 'quick', '--rounds', String(o.rounds)], log: o.log });
    figures[`accuracy[${label}]`] = Number(r.accuracy.toFixed(4));
    figures[`msPerRound[${label}]`] = r.msPerRound;
  }
  return {
    step: 'train',
    did: `trained the quick preset (MNIST subset, 20 non-IID devices, mlp3) for ${o.rounds} FedAvg rounds without a defense and with Soteria pruning exactly 40 % of the defended layer's features`,
    figures,
    ms: Math.round(performance.now() - t0),
  };
}

/** Runs small float64 checks of Theorem 1 and Algorithm 1 and reports their verdicts. */
export async function checkStep(o: { samples: number; seed: number }): Promise<DemoStep> {
  const t0 = performance.now();
  const figures: Record<string, number | string> = { samplesPerFamily: o.samples };
  for (const claim of ['theorem1', 'algorithm1'] as ClaimName[]) {
    const r = await runCheck({ claim, seed: o.seed, samples: o.samples });
    figures[`${claim}.verdict`] = r.verdict.status;
    figures[`${claim}.violations`] = `${r.violations}/${r.cases}`;
    if (r.verdict.status !== 'inapplicable') figures[`${claim}.margin`] = Number(r.verdict.margin.toPrecision(4));
  }
  return {
    step: 'check',
    did: 'checked Theorem 1 (as printed and its corrected bounds) and Algorithm 1 in float64 on seeded map families; a violated claim is a result',
    figures,
    ms: Math.round(performance.now() - t0),
  };
}
