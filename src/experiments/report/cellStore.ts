/**
 * Cell results on disk: `<out>/cells/<id>.json`, each written atomically (temp file + rename),
 * so a killed sweep leaves only whole results and a rerun skips them (resume).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atomicWrite } from '../../sim/fl/index.js';
import type { CellRecord } from './cellRecord.js';

/** Folder of the cell results under a sweep output directory. */
export function cellsDir(outDir: string): string {
  return join(outDir, 'cells');
}

/**
 * Write one finished cell atomically.
 * @param outDir - sweep output directory.
 * @param record - the finished cell.
 */
export function writeCell(outDir: string, record: CellRecord): void {
  mkdirSync(cellsDir(outDir), { recursive: true });
  atomicWrite(join(cellsDir(outDir), `${record.id}.json`), `${JSON.stringify(record)}\n`);
}

/**
 * Every finished cell under `outDir` (a file that does not parse is ignored: it is recomputed).
 * @param outDir - sweep output directory.
 * @returns the records by id.
 */
export function readCells(outDir: string): Map<string, CellRecord> {
  const dir = cellsDir(outDir);
  const out = new Map<string, CellRecord>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).filter((n) => /^[0-9a-f]{16}\.json$/.test(n)).sort()) {
    try {
      const record = JSON.parse(readFileSync(join(dir, name), 'utf8')) as CellRecord;
      if (record.id === name.slice(0, 16)) out.set(record.id, record);
    } catch {
      // torn or foreign file: the cell is recomputed
    }
  }
  return out;
}
