/**
 * Read what a command's `--preset NAME | --config FILE` names: a deep copy of the preset, or the
 * parsed JSON file, with a name (for the default run directory) and a source (for messages).
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { InputError } from '../errors.js';

/** The raw (unvalidated) config, its name and where it came from. */
export interface ConfigSource {
  readonly raw: unknown;
  /** Preset name or the file's base name. */
  readonly name: string;
  /** 'preset NAME' or '--config FILE', as used in messages. */
  readonly source: string;
}

/**
 * Read a preset or a JSON config file (exactly one of them).
 * @param command - the command name, for messages (e.g. 'attack').
 * @param presets - the command's presets by name.
 * @param preset - `--preset` value.
 * @param configFile - `--config` value.
 * @returns the raw config (a copy), its name and source.
 * @throws InputError for neither/both, an unknown preset (listing the accepted ones), an unreadable file or bad JSON.
 */
export function readConfigSource(command: string, presets: Readonly<Record<string, unknown>>, preset?: string, configFile?: string): ConfigSource {
  const names = Object.keys(presets).join('|');
  if ((preset === undefined) === (configFile === undefined)) {
    throw new InputError(`${command}: give exactly one of --preset and --config (got ${preset === undefined ? 'neither' : 'both'}, expected --preset ${names} or --config FILE)`);
  }
  if (preset !== undefined) {
    if (!Object.hasOwn(presets, preset)) throw new InputError(`--preset: unknown preset (got '${preset}', expected one of ${names})`);
    return { raw: structuredClone(presets[preset]), name: preset, source: `preset ${preset}` };
  }
  const file = configFile as string;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`--config: cannot read ${file} (got ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}, expected a readable JSON file)`);
  }
  try {
    return { raw: JSON.parse(text) as unknown, name: basename(file, extname(file)), source: `--config ${file}` };
  } catch (error) {
    throw new InputError(`--config: ${file} is not valid JSON (got ${(error as Error).message}, expected one JSON object)`);
  }
}
