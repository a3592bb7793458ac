/**
 * Versions of this package and its dependencies, read from their package.json files without
 * loading the packages (so `--version` and provenance never import TensorFlow.js).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const requireHere = createRequire(import.meta.url);

/** Name and version of soteria-lab itself. */
export interface OwnPackage {
  readonly name: string;
  readonly version: string;
}

/**
 * Reads soteria-lab's own package.json (two levels above this module in src/ and in dist/).
 * @returns its name and version.
 */
export function ownPackage(): OwnPackage {
  const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'package.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as { name: string; version: string };
  return { name: json.name, version: json.version };
}

/**
 * Version of an installed package, as resolved from this module.
 * @param name - the package name, e.g. '@tensorflow/tfjs'.
 * @returns the version, or undefined when the package is not installed.
 */
export function readPackageVersion(name: string): string | undefined {
  const file = findPackageJson(name);
  if (file === undefined) return undefined;
  const json = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
  return typeof json.version === 'string' ? json.version : undefined;
}

function findPackageJson(name: string): string | undefined {
  try {
    return requireHere.resolve(`${name}/package.json`);
  } catch {
    // Packages whose "exports" hide package.json: walk up from the resolved entry point.
  }
  let dir: string;
  try {
    dir = dirname(requireHere.resolve(name));
  } catch {
    return undefined;
  }
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (hasName(candidate, name)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

function hasName(file: string, name: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === name;
  } catch {
    return false;
  }
}
