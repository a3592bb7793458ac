/**
 * Data-file access for the loaders: read a whole file, find the first existing candidate name
 * in a directory, validate a sample limit. File-system failures become one-line `InputError`s
 * that name the path and (when something is missing) how to get it.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../../errors.js';

/**
 * The bytes of `path`.
 * @param where dataset name used as the message prefix.
 * @param hint how to get the file, appended when it does not exist.
 */
export function readDataFile(path: string, where: string, hint?: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new InputError(`${where}: ${path}: file not found${hint ? ` (${hint})` : ''}`);
    }
    throw new InputError(`${where}: ${path}: cannot read file (got ${code ?? (e as Error).message}, expected a readable file)`);
  }
}

/** Validate an optional sample limit (a positive integer). */
export function checkLimit(where: string, limit: number | undefined): void {
  if (limit !== undefined && (!Number.isSafeInteger(limit) || limit < 1)) {
    throw new InputError(`${where}: limit must be a positive integer (got ${limit}, expected an integer >= 1)`);
  }
}

/**
 * The first of `names` that exists in `dir`.
 * @param what what the file holds, for the message, e.g. `test images`.
 * @param hint how to get the files, appended when none exists.
 */
export function findDataFile(dir: string, names: readonly string[], where: string, what: string, hint: string): string {
  if (!isDirectory(dir)) throw new InputError(`${where}: ${dir}: data directory not found (${hint})`);
  for (const name of names) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  throw new InputError(`${where}: ${dir}: no ${what} file (got none of ${names.join(', ')}; ${hint})`);
}

function isDirectory(dir: string): boolean {
  try {
    return statSync(dir).isDirectory();
  } catch {
    return false;
  }
}
