/**
 * Load a theorist's map module for `soteria-lab check lemma1|theorem1 --map FILE`.
 * FILE is an ES module (.mjs/.js; .ts through tsx when installed) exporting
 * `dim: number`, `f(x: number[]): number[]`, optional `inverse(r: number[]): number[]`,
 * optional `jacobian(x: number[]): number[][]` (rows = outputs) and optional `name: string`.
 * A malformed module is an InputError (exit 2) naming the missing or mistyped export.
 */
import { existsSync } from 'node:fs';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../errors.js';
import { wrapUserMap, type TheoryMap } from '../theory/index.js';

const where = (file: string): string => `--map ${file}`;

async function importModule(file: string): Promise<Record<string, unknown>> {
  const abs = resolve(file);
  if (!existsSync(abs)) throw new InputError(`${where(file)}: file not found (got '${abs}', expected an existing .mjs, .js or .ts file)`);
  const ext = extname(abs);
  if (!['.mjs', '.js', '.ts', '.mts'].includes(ext)) throw new InputError(`${where(file)}: unsupported extension (got '${ext}', expected .mjs, .js, .ts or .mts)`);
  try {
    if (ext === '.ts' || ext === '.mts') {
      const api = (await import('tsx/esm/api').catch(() => undefined)) as { tsImport?: (f: string, parent: string) => Promise<unknown> } | undefined;
      if (!api?.tsImport) throw new InputError(`${where(file)}: TypeScript maps need the tsx package (got no tsx, expected 'npm i -D tsx' or a compiled .mjs)`);
      return (await api.tsImport(pathToFileURL(abs).href, import.meta.url)) as Record<string, unknown>;
    }
    return (await import(pathToFileURL(abs).href)) as Record<string, unknown>;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${where(file)}: the module failed to load (got '${(e as Error).message}', expected a valid ES module)`);
  }
}

function isNumberArray(v: unknown, n?: number): v is number[] {
  return Array.isArray(v) && (n === undefined || v.length === n) && v.every((x) => typeof x === 'number' && Number.isFinite(x));
}

function probe<T>(file: string, name: string, call: () => T, ok: (v: T) => boolean, expected: string): void {
  let v: T;
  try {
    v = call();
  } catch (e) {
    throw new InputError(`${where(file)}: export '${name}' threw on a probe input (got '${(e as Error).message}', expected ${expected})`);
  }
  if (!ok(v)) throw new InputError(`${where(file)}: export '${name}' returned the wrong shape (got ${JSON.stringify(v)?.slice(0, 80)}, expected ${expected})`);
}

/** Import, validate and wrap the module at `file`. */
export async function loadUserMap(file: string): Promise<TheoryMap> {
  const mod = await importModule(file);
  const { dim, f, inverse, jacobian, name } = mod;
  if (dim === undefined) throw new InputError(`${where(file)}: export 'dim' is missing (got nothing, expected a positive integer)`);
  if (typeof dim !== 'number' || !Number.isInteger(dim) || dim < 1) throw new InputError(`${where(file)}: export 'dim' is mistyped (got ${JSON.stringify(dim)}, expected a positive integer)`);
  if (f === undefined) throw new InputError(`${where(file)}: export 'f' is missing (got nothing, expected a function f(x: number[]): number[])`);
  if (typeof f !== 'function') throw new InputError(`${where(file)}: export 'f' is mistyped (got ${typeof f}, expected a function f(x: number[]): number[])`);
  for (const [k, v] of [['inverse', inverse], ['jacobian', jacobian]] as const) {
    if (v !== undefined && typeof v !== 'function') throw new InputError(`${where(file)}: export '${k}' is mistyped (got ${typeof v}, expected a function or no export)`);
  }
  const x0 = new Array<number>(dim).fill(0.1);
  probe(file, 'f', () => (f as (x: number[]) => unknown)(x0.slice()), (v) => isNumberArray(v) && v.length > 0, 'an array of finite numbers');
  const out = ((f as (x: number[]) => number[])(x0.slice())).length;
  if (typeof jacobian === 'function') {
    probe(file, 'jacobian', () => (jacobian as (x: number[]) => unknown)(x0.slice()), (v) => Array.isArray(v) && v.length === out && v.every((row) => isNumberArray(row, dim)), `a ${out}×${dim} number[][] (rows = outputs)`);
  }
  if (typeof inverse === 'function') {
    probe(file, 'inverse', () => (inverse as (r: number[]) => unknown)((f as (x: number[]) => number[])(x0.slice())), (v) => isNumberArray(v, dim), `an array of ${dim} finite numbers`);
  }
  return wrapUserMap({
    name: typeof name === 'string' ? name : basename(file),
    dim,
    f: f as (x: number[]) => number[],
    ...(typeof inverse === 'function' ? { inverse: inverse as (r: number[]) => number[] } : {}),
    ...(typeof jacobian === 'function' ? { jacobian: jacobian as (x: number[]) => number[][] } : {}),
  });
}
