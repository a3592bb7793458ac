/**
 * Global fast-check settings for the property suites (vitest `setupFiles`).
 *
 * - `FC_SEED`: the seed of every property run (a number). Failure messages print `{ seed, path }`;
 *   re-run with `FC_SEED=<seed>` to replay (see properties/README.md).
 * - `PROPS`: run tier, `quick` (20 runs per property, the default) or `thorough` (200 runs).
 * - CI must set `FC_SEED` so that every CI run is reproducible; a missing seed fails the run
 *   (the pattern of fast-check's own vitest.setup.mjs).
 */
import fc from 'fast-check';

const RUNS_BY_TIER: Readonly<Record<string, number>> = { quick: 20, thorough: 200 };

function readSeed(): number | undefined {
  const raw = process.env.FC_SEED;
  if (raw === undefined || raw.trim() === '') return undefined;
  const seed = Number(raw);
  if (!Number.isInteger(seed)) {
    throw new Error(`properties/setup: FC_SEED must be an integer (got '${raw}', expected e.g. FC_SEED=42)`);
  }
  return seed;
}

function readNumRuns(): number {
  const tier = process.env.PROPS ?? 'quick';
  const numRuns = RUNS_BY_TIER[tier];
  if (numRuns === undefined) {
    throw new Error(`properties/setup: unknown PROPS tier (got '${tier}', expected 'quick' or 'thorough')`);
  }
  return numRuns;
}

const seed = readSeed();
if (process.env.CI && seed === undefined) {
  throw new Error('properties/setup: FC_SEED must be set in CI so runs are reproducible (got nothing, expected FC_SEED=<integer>)');
}
fc.configureGlobal({ numRuns: readNumRuns(), ...(seed !== undefined ? { seed } : {}) });
