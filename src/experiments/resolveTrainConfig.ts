/**
 * Resolve what `soteria-lab train` runs: a preset or a JSON file, plus command-line overrides,
 * validated (one-line InputError naming the field) and completed with the derived fields
 * (model input shape and classes from the data, partition devices and seed from fl and seed).
 */
import { InputError } from '../errors.js';
import { readConfigSource } from './readConfigSource.js';
import type { PartitionConfig } from '../sim/data/types.js';
import { parseConfig } from './configIssue.js';
import { trainConfigSchema } from './configSchema.js';
import type { DataConfig, TrainConfig } from './configSchema.js';
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

/** Image shape [H, W, C] and number of classes the data section produces. */
export function dataShape(data: DataConfig): { shape: [number, number, number]; numClasses: number } {
  switch (data.dataset) {
    case 'mnist':
    case 'fashionMnist': return { shape: data.pad28to32 === true ? [32, 32, 1] : [28, 28, 1], numClasses: 10 };
    case 'cifar10': return { shape: [32, 32, 3], numClasses: 10 };
    case 'synthetic': return { shape: [...data.shape], numClasses: data.numClasses };
    default: throw new Error(`dataShape: unknown dataset (got ${JSON.stringify(data)})`);
  }
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
  const { shape, numClasses } = dataShape(c.data);
  const m = c.model;
  if (m.inputShape !== undefined && m.inputShape.join('x') !== shape.join('x')) bad('model.inputShape', `does not match the data (got [${m.inputShape.join(', ')}], expected [${shape.join(', ')}] for ${c.data.dataset})`);
  if (m.numClasses !== undefined && m.numClasses !== numClasses) bad('model.numClasses', `does not match the data (got ${m.numClasses}, expected ${numClasses})`);
  if (c.partition.numClients !== undefined && c.partition.numClients !== c.fl.numClients) bad('partition.numClients', `differs from fl.numClients (got ${c.partition.numClients}, expected ${c.fl.numClients} or leave it out)`);
  if (c.fl.sampling === 'uniform' && c.fl.clientsPerRound > c.fl.numClients) bad('fl.clientsPerRound', `too large for sampling without replacement (got ${c.fl.clientsPerRound}, expected <= fl.numClients = ${c.fl.numClients})`);
  if (c.data.dataset === 'cifar10' && c.data.dataDir === undefined) bad('data.dataDir', 'CIFAR-10 is not bundled (got nothing, expected --data-dir DIR holding the binary batches data_batch_1.bin … test_batch.bin, or their folder cifar-10-batches-bin)');
  const data = c.data.dataset === 'synthetic' ? { ...c.data, seed: c.data.seed ?? c.seed } : c.data;
  const partition = { ...c.partition, numClients: c.fl.numClients, seed: c.partition.seed ?? c.seed } as PartitionConfig;
  const config: TrainConfig = { ...c, data, partition, model: { ...m, inputShape: shape, numClasses } };
  return { config, name, source };
}
