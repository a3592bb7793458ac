/**
 * Resolve what `soteria-lab attack` runs: a preset or a JSON file, plus command-line overrides,
 * validated (one-line InputError naming the field) and completed with the derived fields (model
 * input shape and classes from the data, steps from the attack's default, synthetic seed).
 */
import { InputError } from '../errors.js';
import { DLG_DEFAULT_STEPS } from '../sim/attacks/dlg.js';
import { GS_CODE, GS_PAPER } from '../sim/attacks/gsOptions.js';
import { attackConfigSchema } from './attackConfigSchema.js';
import type { AttackConfig } from './attackConfigSchema.js';
import { ATTACK_PRESETS } from './attackPresets.js';
import { parseConfig } from './configIssue.js';
import { defenseWithParam } from './defenseWithParam.js';
import { readConfigSource } from './readConfigSource.js';
import { resolveModelForData } from './resolveModelForData.js';

/** GS iterations per setting (PAPER.md §2: paper "results after 120 iterations"; code 24 000). */
export const GS_ITERATIONS = { paper: GS_PAPER.iterations, code: GS_CODE.iterations } as const;

/** Command-line values that replace config fields. */
export interface AttackOverrides {
  readonly seed?: number;
  /** `attack` (unvalidated). */
  readonly attack?: string;
  /** `--defense` text (shorthand, bare kind or JSON; see `defenseWithParam`). */
  readonly defense?: string;
  /** `--param`: the defense strength (see `defenseWithParam`). */
  readonly param?: number;
  readonly image?: number;
  readonly steps?: number;
  /** `selection` (unvalidated). */
  readonly selection?: string;
  /** data.dataDir */
  readonly dataDir?: string;
}

/** Where the config comes from (exactly one of preset and configFile). */
export interface ResolveAttackOptions {
  readonly preset?: string;
  readonly configFile?: string;
  readonly overrides?: AttackOverrides;
}

/** A resolved config, its name (preset or file base name) and source (for messages). */
export interface ResolvedAttackConfig {
  readonly config: AttackConfig;
  readonly name: string;
  readonly source: string;
}

const asObject = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

function applyOverrides(raw: unknown, ov: AttackOverrides): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const r = raw as Record<string, unknown>;
  const defense = defenseWithParam(ov.defense, ov.param, r.defense);
  if (ov.dataDir !== undefined && asObject(r.data).dataset === 'synthetic') throw new InputError(`--data-dir: synthetic images are generated, not read (got '${ov.dataDir}', expected no --data-dir)`);
  const set = (key: string, v: unknown): Record<string, unknown> => (v === undefined ? {} : { [key]: v });
  return {
    ...r, ...set('seed', ov.seed), ...set('attack', ov.attack), ...set('defense', defense), ...set('image', ov.image),
    ...set('steps', ov.steps), ...set('selection', ov.selection),
    ...(ov.dataDir !== undefined ? { data: { ...asObject(r.data), dataDir: ov.dataDir } } : {}),
  };
}


/**
 * Resolve, validate and complete an attack config.
 * @param o - preset or config file, and overrides.
 * @returns the resolved config with its name and source.
 * @throws InputError naming the first bad field and the accepted values.
 */
export function resolveAttackConfig(o: ResolveAttackOptions): ResolvedAttackConfig {
  const { raw, name, source } = readConfigSource('attack', ATTACK_PRESETS, o.preset, o.configFile);
  const c = parseConfig(attackConfigSchema, applyOverrides(raw, o.overrides ?? {}), source);
  const model = resolveModelForData(c.model, c.data, source);
  if (c.data.dataset === 'synthetic' && c.image >= c.data.size) {
    throw new InputError(`--image: out of range (got ${c.image}, expected 0..${c.data.size - 1} for the ${c.data.size} synthetic images of ${source})`);
  }
  const data = c.data.dataset === 'synthetic' ? { ...c.data, seed: c.data.seed ?? c.seed } : c.data;
  const steps = c.steps ?? (c.attack === 'gs' ? GS_ITERATIONS[c.gs.preset] : DLG_DEFAULT_STEPS);
  const config: AttackConfig = { ...c, data, steps, model };
  return { config, name, source };
}
