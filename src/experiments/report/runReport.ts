/**
 * `soteria-lab report` without the command line: run (a shard of) a preset's cells on worker
 * threads, skipping finished ones (resume), or merge shard outputs; then build the report
 * document, write `results.json` and render `index.html`.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { InputError } from '../../errors.js';
import type { BackendName } from '../../tensor/index.js';
import { configHash, makeProvenance } from '../provenance.js';
import { runCellPool } from './cellPool.js';
import type { CellRecord } from './cellRecord.js';
import { cellId } from './cellSpec.js';
import { cellsDir, readCells, writeCell } from './cellStore.js';
import { planCells, reseedPlan } from './planCells.js';
import { readManifest, writeManifest } from './reportManifest.js';
import type { ReportPlan } from './reportPlan.js';
import { reportPlan } from './reportPresets.js';
import { shardIds, type Shard } from './shard.js';
import { writeReportOutputs, type ReportRunResult } from './writeReportOutputs.js';

export type { ReportRunResult } from './writeReportOutputs.js';

/** Options of `runReport`. */
export interface ReportOptions {
  /** Preset name (ignored with `merge`: the shards' manifests name it). */
  readonly preset: string;
  readonly outDir: string;
  readonly dataDir?: string;
  readonly shard?: Shard;
  /** Worker threads (0 = in this thread). */
  readonly workers: number;
  /** Shard output directories to combine instead of computing. */
  readonly merge?: readonly string[];
  readonly backend: BackendName;
  readonly seed: number;
  readonly argv: readonly string[];
  readonly log: (message: string) => void;
  /** Called after each computed cell. */
  readonly onCell?: (done: number, total: number, record: CellRecord) => void;
}

/** The plan of the merged shards, after checking they belong to one sweep; copies their cells. */
function mergeInto(outDir: string, dirs: readonly string[]): { plan: ReportPlan; seed: number } {
  const manifests = dirs.map(readManifest);
  const first = manifests[0];
  const other = manifests.find((m) => m.planHash !== first.planHash);
  if (other !== undefined) throw new InputError(`--merge: the directories hold different sweeps (got plans ${first.planHash.slice(0, 12)} and ${other.planHash.slice(0, 12)}, expected shards of one report run)`);
  mkdirSync(cellsDir(outDir), { recursive: true });
  for (const dir of dirs) {
    if (resolve(dir) === resolve(outDir)) continue;
    for (const id of readCells(dir).keys()) {
      const to = join(cellsDir(outDir), `${id}.json`);
      if (!existsSync(to)) copyFileSync(join(cellsDir(dir), `${id}.json`), to);
    }
  }
  return { plan: first.plan, seed: first.seed };
}

/**
 * Run, resume or merge a report sweep and write its outputs.
 * @param o - see `ReportOptions`.
 * @returns what was done and where the outputs are.
 * @throws InputError for a bad preset, shard or merge input, or cells missing after a merge.
 */
export async function runReport(o: ReportOptions): Promise<ReportRunResult> {
  const t0 = performance.now();
  const startedAt = new Date();
  const merging = o.merge !== undefined && o.merge.length > 0;
  if (merging && o.shard !== undefined) throw new InputError('--merge: cannot be combined with --shard (got both, expected one of them)');
  const { plan, seed } = merging ? mergeInto(o.outDir, o.merge ?? []) : { plan: reseedPlan(reportPlan(o.preset, o.dataDir), o.seed), seed: o.seed };
  const specs = planCells(plan);
  const shardSet = o.shard === undefined ? null : new Set(shardIds(specs.map(cellId), o.shard));
  const mine = shardSet === null ? specs : specs.filter((s) => shardSet.has(cellId(s)));
  writeManifest(o.outDir, { preset: plan.name, seed, plan, shard: o.shard ?? null, cellIds: mine.map(cellId) });
  const done = readCells(o.outDir);
  const todo = merging ? [] : mine.filter((s) => !done.has(cellId(s)));
  o.log(`report ${plan.name}: ${specs.length} cells${o.shard === undefined ? '' : `, shard ${o.shard.index}/${o.shard.count}: ${mine.length}`}, ${mine.length - todo.length} already done, ${todo.length} to run on ${o.workers === 0 ? 'this thread' : `${Math.min(o.workers, Math.max(todo.length, 1))} worker(s)`}`);
  let finished = 0;
  await runCellPool(todo, {
    workers: o.workers,
    cell: { backend: o.backend, workDir: resolve(o.outDir), ...(o.dataDir !== undefined ? { dataDir: o.dataDir } : {}) },
    onDone: (record) => {
      writeCell(o.outDir, record);
      done.set(record.id, record);
      o.onCell?.(++finished, todo.length, record);
    },
  });
  const missing = specs.filter((s) => !done.has(cellId(s))).length;
  if (merging && missing > 0) throw new InputError(`--merge: ${missing} cell(s) of preset ${plan.name} missing (got ${specs.length - missing} of ${specs.length}, expected the outputs of every shard)`);
  const used = [...new Set([...done.values()].map((r) => r.backend).filter((b) => b !== 'none'))];
  const provenance = makeProvenance({ argv: o.argv, seed, backend: { requested: o.backend, name: used.join('+') || 'none' }, config: plan, startedAt });
  return writeReportOutputs({ plan, cells: done, provenance, outDir: o.outDir, shard: o.shard, computed: todo.length, inShard: mine.length, total: specs.length, wallSeconds: (performance.now() - t0) / 1000, planHash: configHash(plan) });
}
