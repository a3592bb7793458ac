/**
 * The files of an attack run: `<out>/reconstruction.png` (final dummy), `<out>/truth.png`,
 * `<out>/best.png` (best-by-attack-loss dummy), clamped to [0, 1], and `<out>/result.json`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AttackRun, AttackRunResult } from './attackRunTypes.js';
import { writePng } from './writePng.js';

/** Paths of the files written (absolute). */
export interface AttackFiles {
  readonly reconstruction: string;
  readonly truth: string;
  readonly best: string;
  readonly result: string;
}

/** The result JSON as written: the run's result plus where its files are. */
export interface AttackOutput extends AttackRunResult {
  readonly outDir: string;
  readonly files: AttackFiles;
}

/**
 * Write the PNGs and the result JSON of a run into `outDir` (created if missing).
 * @param outDir - run directory.
 * @param run - the run (`runAttackExperiment`).
 * @param scale - integer PNG upscaling factor. @default 1
 * @returns the result with `outDir` and `files` (what `result.json` holds).
 */
export function writeAttackOutputs(outDir: string, run: AttackRun, scale = 1): AttackOutput {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const files: AttackFiles = {
    reconstruction: join(dir, 'reconstruction.png'), truth: join(dir, 'truth.png'),
    best: join(dir, 'best.png'), result: join(dir, 'result.json'),
  };
  writePng(files.reconstruction, run.images.reconstruction, { scale });
  writePng(files.truth, run.images.truth, { scale });
  writePng(files.best, run.images.best, { scale });
  const output: AttackOutput = { ...run.result, outDir: dir, files };
  writeFileSync(files.result, `${JSON.stringify(output, null, 2)}\n`);
  return output;
}
