/**
 * The layering rules of DESIGN.md ("Dependency direction") and style.md §4–§6, checked on every
 * .ts file under src/, properties/ and bench/:
 *  1. only src/tensor imports '@tensorflow/tfjs*';
 *  2. src/theory imports neither src/tensor, src/sim nor tfjs (float64 only);
 *  3. src/report imports neither src/tensor nor src/sim;
 *  4. only src/theory/linalg.ts imports mathjs.
 * Imports are read with TypeScript's own pre-processor (static and type imports, export-from,
 * dynamic import() and require() with literal specifiers; comments and strings are ignored).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

interface Violation {
  readonly file: string;
  readonly specifier: string;
  readonly rule: string;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SCANNED_DIRS = ['src', 'properties', 'bench'];

const isTfjs = (spec: string): boolean => /^@tensorflow\/tfjs($|[-/])/.test(spec);
const isMathjs = (spec: string): boolean => /^mathjs($|\/)/.test(spec);
const within = (path: string, dir: string): boolean => path === dir || path.startsWith(`${dir}/`);

/** Module specifiers a source imports, in order (TypeScript's pre-processor). */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** Repo-relative target of a relative specifier (undefined for package specifiers). */
function targetOf(file: string, spec: string): string | undefined {
  return spec.startsWith('.') ? posix.normalize(posix.join(posix.dirname(file), spec)) : undefined;
}

/** Layering violations of one file (`file` is repo-relative, POSIX separators). */
function checkSource(file: string, source: string): Violation[] {
  const found: Violation[] = [];
  for (const specifier of importsOf(source)) {
    const target = targetOf(file, specifier);
    const intoSimOrTensor = target !== undefined && (within(target, 'src/tensor') || within(target, 'src/sim'));
    const add = (rule: string): number => found.push({ file, specifier, rule });
    if (isTfjs(specifier) && !within(file, 'src/tensor')) add('only src/tensor may import @tensorflow/tfjs*');
    if (within(file, 'src/theory') && (intoSimOrTensor || isTfjs(specifier))) add('src/theory must not import src/tensor, src/sim or tfjs');
    if (within(file, 'src/report') && intoSimOrTensor) add('src/report must not import src/tensor or src/sim');
    if (isMathjs(specifier) && file !== 'src/theory/linalg.ts') add('only src/theory/linalg.ts may import mathjs');
  }
  return found;
}

function tsFilesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : tsFilesUnder(path);
    return e.isFile() && /\.(c|m)?ts$/.test(e.name) ? [path] : [];
  });
}

describe('layering scanner (self-test on synthetic sources)', () => {
  const TF = '@tensorflow/tfjs';

  it('catches every import form of tfjs outside src/tensor, and ignores comments and strings', () => {
    // Arrange
    const source = [
      `// import * as tf from '${TF}';`,
      `const text = "import * as tf from '${TF}'";`,
      `import * as tf from '${TF}';`,
      `import type { Tensor } from '${TF}-core';`,
      `export { tf } from '${TF}';`,
      `const wasm = await import('${TF}-backend-wasm');`,
      `const node = require('${TF}-node');`,
      `import { tf as ok } from '../tensor/index.js';`,
    ].join('\n');
    // Act
    const found = checkSource('src/sim/models/bad.ts', source);
    // Assert
    expect(found.map((v) => v.specifier)).toEqual([TF, `${TF}-core`, TF, `${TF}-backend-wasm`, `${TF}-node`]);
    expect(checkSource('src/tensor/tf.ts', source)).toEqual([]);
  });

  it('catches theory -> tensor/sim, report -> sim, and mathjs outside linalg.ts', () => {
    // Arrange
    const theory = `import { tf } from '../tensor/index.js';\nimport type { Model } from '../sim/types.js';\nimport { verdict } from './verdict.js';`;
    const report = `import { x } from '../sim/metrics/psnr.js';\nimport { renderHtml } from './renderHtml.js';`;
    const mathjs = `import { lusolve } from 'mathjs';`;
    // Act
    const theoryFound = checkSource('src/theory/lemma1.ts', theory);
    const reportFound = checkSource('src/report/figures.ts', report);
    // Assert
    expect(theoryFound.map((v) => v.specifier)).toEqual(['../tensor/index.js', '../sim/types.js']);
    expect(reportFound.map((v) => v.specifier)).toEqual(['../sim/metrics/psnr.js']);
    expect(checkSource('src/theory/theorem1.ts', mathjs)).toHaveLength(1);
    expect(checkSource('src/theory/linalg.ts', mathjs)).toEqual([]);
  });
});

describe('layering of this repository', () => {
  it('has no file breaking the layering rules', () => {
    // Arrange
    const files = SCANNED_DIRS.flatMap((d) => tsFilesUnder(join(ROOT, d)));
    // Act
    const violations = files.flatMap((path) => checkSource(relative(ROOT, path).split(sep).join('/'), readFileSync(path, 'utf8')));
    // Assert
    expect(files.length).toBeGreaterThan(0);
    expect(violations.map((v) => `${v.file}: imports '${v.specifier}' (${v.rule})`)).toEqual([]);
  });
});
