/**
 * Argument parsers for command options. They throw `InputError` (exit code 2) with a message
 * that names the flag and the accepted values; use them as commander `argParser`s:
 * `.option('--rounds <n>', 'rounds', intParser('--rounds', 1))`.
 */
import { InputError } from '../errors.js';

/**
 * Makes a parser for an integer option.
 * @param flag - the option name, for messages (e.g. '--rounds').
 * @param min - smallest accepted value.
 * @param max - largest accepted value.
 * @returns a commander argument parser.
 */
export function intParser(flag: string, min: number, max = Number.MAX_SAFE_INTEGER): (raw: string) => number {
  return (raw) => {
    const value = /^-?\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      throw new InputError(`${flag}: not an integer in range (got '${raw}', expected an integer in ${min}..${max})`);
    }
    return value;
  };
}

/**
 * Makes a parser for a finite number option.
 * @param flag - the option name, for messages (e.g. '--param').
 * @returns a commander argument parser.
 */
export function numberParser(flag: string): (raw: string) => number {
  return (raw) => {
    const value = raw.trim() === '' ? Number.NaN : Number(raw);
    if (!Number.isFinite(value)) {
      throw new InputError(`${flag}: not a finite number (got '${raw}', expected e.g. 0.1 or 1e-3)`);
    }
    return value;
  };
}
