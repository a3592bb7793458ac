/**
 * `<out>/manifest.json`: which plan (preset, seed, full config) and which shard a sweep output
 * directory holds, so `report --merge DIR…` can check that its inputs belong together.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';
import { atomicWrite } from '../../sim/fl/index.js';
import { configHash } from '../provenance.js';
import type { ReportPlan } from './reportPlan.js';
import type { Shard } from './shard.js';

/** Version tag of the manifest. */
export const MANIFEST_SCHEMA = 'soteria-lab/report-manifest@1';

/** Contents of manifest.json. */
export interface ReportManifest {
  readonly schema: typeof MANIFEST_SCHEMA;
  readonly preset: string;
  readonly seed: number;
  readonly planHash: string;
  readonly plan: ReportPlan;
  readonly shard: Shard | null;
  /** Ids of the cells this directory is responsible for. */
  readonly cellIds: readonly string[];
}

/**
 * Write the manifest of a sweep output directory.
 * @param outDir - the directory.
 * @param m - plan, seed, shard and cell ids (planHash is computed).
 */
export function writeManifest(outDir: string, m: Omit<ReportManifest, 'schema' | 'planHash'>): void {
  mkdirSync(outDir, { recursive: true });
  atomicWrite(join(outDir, 'manifest.json'), `${JSON.stringify({ schema: MANIFEST_SCHEMA, planHash: configHash(m.plan), ...m }, null, 2)}\n`);
}

/**
 * Read the manifest of a sweep output directory.
 * @param dir - the directory.
 * @returns the manifest.
 * @throws InputError when it is missing or not a report manifest.
 */
export function readManifest(dir: string): ReportManifest {
  const file = join(dir, 'manifest.json');
  if (!existsSync(file)) throw new InputError(`--merge: ${dir} holds no manifest.json (got a directory without one, expected the --out of a report run)`);
  let m: ReportManifest;
  try {
    m = JSON.parse(readFileSync(file, 'utf8')) as ReportManifest;
  } catch (error) {
    throw new InputError(`--merge: ${file} is not valid JSON (got ${(error as Error).message}, expected a report manifest)`);
  }
  if (m.schema !== MANIFEST_SCHEMA) throw new InputError(`--merge: ${file} is not a report manifest (got schema ${String(m.schema)}, expected ${MANIFEST_SCHEMA})`);
  return m;
}
