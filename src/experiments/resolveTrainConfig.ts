/**
 * Resolve what `soteria-lab train` runs: a preset or a JSON file, plus command-line overrides,
 * validated (one-line InputError naming the field) and completed with the derived fields
 * (model input shape and classes from the data, partition devices and seed from fl and seed).
 */
import { InputError } from '../errors.js';
import { readConfigSource } from './readConfigSource.js';
import { resolveModelForData } from './resolveModelForData.js';
import type { PartitionConfig } from '../sim/data/types.js';
import { parseConfig } from './configIssue.js';
import { trainConfigSchema } from './configSchema.js';
import type { TrainConfig } from './configSchema.js';
import { PRESETS } from './presets.js';

/** Command-line values that replace config fields. */
export interface TrainOverrides {
  /** fl.rounds */
  readonly rounds?: number;
  readonly seed?: number;
  /** defense (unvalidated; see `parseDefenseOption`) */
  readonly defense?: unknown;
  /** data.dataDir */
  readonly dataDir?: string;
}

/** Where the config comes from (exactly one of preset and configFile). */
export interface ResolveTrainOptions {
  readonly preset?: string;
  readonly configFile?: string;
  readonly overrides?: TrainOverrides;
}

/** A resolved config and its name (preset name or file base name, for the default --out). */
export interface ResolvedTrainConfig {
  readonly config: TrainConfig;
  readonly name: string;
  /** 'preset NAME' or '--config FILE', as used in messages. */
  readonly source: string;
}

function applyOverrides(raw: unknown, ov: TrainOverrides): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const r = raw as Record<string, unknown>;
  const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  return {
    ...r,
    ...(ov.seed !== undefined ? { seed: ov.seed } : {}),
    ...(ov.defense !== undefined ? { defense: ov.defense } : {}),
    ...(ov.rounds !== undefined ? { fl: { ...obj(r.fl), rounds: ov.rounds } } : {}),
    ...(ov.dataDir !== undefined ? { data: { ...obj(r.data), dataDir: ov.dataDir } } : {}),
  };
}


/**
 * Resolve, validate and complete a train config.
 * @param o - preset or config file, and overrides.
 * @returns the resolved config with its name and source.
 * @throws InputError naming the first bad field and the accepted values.
 */
export function resolveTrainConfig(o: ResolveTrainOptions): ResolvedTrainConfig {
  const { raw, name, source } = readConfigSource('train', PRESETS, o.preset, o.configFile);
  const c = parseConfig(trainConfigSchema, applyOverrides(raw, o.overrides ?? {}), source);
  const bad = (path: string, what: string): never => {
    throw new InputError(`${source}: ${path}: ${what}`);
  };
  const model = resolveModelForData(c.model, c.data, source);
  if (c.partition.numClients !== undefined && c.partition.numClients !== c.fl.numClients) bad('partition.numClients', `differs from fl.numClients (got ${c.partition.numClients}, expected ${c.fl.numClients} or leave it out)`);
  if (c.fl.sampling === 'uniform' && c.fl.clientsPerRound > c.fl.numClients) bad('fl.clientsPerRound', `too large for sampling without replacement (got ${c.fl.clientsPerRound}, expected <= fl.numClients = ${c.fl.numClients})`);
  const data = c.data.dataset === 'synthetic' ? { ...c.data, seed: c.data.seed ?? c.seed } : c.data;
  const partition = { ...c.partition, numClients: c.fl.numClients, seed: c.partition.seed ?? c.seed } as PartitionConfig;
  const config: TrainConfig = { ...c, data, partition, model };
  return { config, name, source };
}
