/**
 * `soteria-lab report --preset quick|paper [--out DIR] [--data-dir D] [--shard i/n] [--workers N]
 * [--merge DIR...]`: runs a preset's sweep of cells (DLG attacks, FedAvg trainings, theory
 * checks) on worker threads, resumable and shardable, and writes DIR/index.html and
 * DIR/results.json (default DIR reports/<preset>).
 */
import { Option, type Command } from 'commander';
import type { ReportRunResult } from '../../experiments/report/runReport.js';
import type { CellRecord } from '../../experiments/report/cellRecord.js';
import type { CommandContext, MakeContext } from '../context.js';
import { intParser } from '../parsers.js';
import { makeProgress } from '../progress.js';
import { parseShard } from '../../experiments/report/shard.js';

/** Options of `report` after parsing. */
interface ReportCliOptions {
  readonly preset: string;
  readonly out?: string;
  readonly dataDir?: string;
  readonly shard?: string;
  readonly workers: number;
  readonly merge?: string[];
}

/**
 * Registers `report` on the root program.
 * @param program - the root `soteria-lab` command.
 * @param makeCtx - builds the handler's `CommandContext`.
 */
export function registerReport(program: Command, makeCtx: MakeContext): void {
  program
    .command('report')
    .description("reproduce the paper's figures, tables and theorem verdicts as one self-contained HTML report")
    .addOption(new Option('--preset <name>', 'report preset (tiny: 1-step cells, for tests)').choices(['quick', 'paper', 'tiny']).default('quick'))
    .option('--out <dir>', 'output directory (default reports/<preset>)')
    .option('--data-dir <dir>', 'CIFAR-10 binary batches (paper preset: adds CIFAR-10)')
    .option('--shard <i/n>', 'run only shard i of n (cells sorted by id, round-robin); merge the outputs with --merge')
    .option('--workers <n>', 'worker threads, each with its own tfjs (0 = this thread)', intParser('--workers', 0, 64), 2)
    .option('--merge <dirs...>', 'combine the outputs of shard runs into --out and render')
    .action(async (opts: ReportCliOptions, command: Command) => {
      const ctx = makeCtx(command);
      const shard = opts.shard === undefined ? undefined : parseShard(opts.shard);
      // Loaded lazily: it pulls in TensorFlow.js, which `--help` and the other commands don't need.
      const { runReport } = await import('../../experiments/report/runReport.js');
      const progress = await makeReportProgress(ctx);
      try {
        const result = await runReport({
          preset: opts.preset, outDir: opts.out ?? `reports/${opts.preset}`, workers: opts.workers, backend: ctx.backend, seed: ctx.seed, argv: ctx.argv, log: ctx.log,
          ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}), ...(shard !== undefined ? { shard } : {}), ...(opts.merge !== undefined ? { merge: opts.merge } : {}),
          onCell: progress.update,
        });
        progress.stop();
        ctx.emit(result, formatReportSummary(result));
      } finally {
        progress.stop();
      }
    });
}

/**
 * A progress bar on a terminal (never with --json or in CI); otherwise one log line per cell.
 * @param ctx - the command context (stream, --json).
 * @returns update and stop.
 */
export async function makeReportProgress(ctx: CommandContext): Promise<{ update: (done: number, total: number, r: CellRecord) => void; stop: () => void }> {
  const progress = await makeProgress<{ done: number; total: number; r: CellRecord }>(ctx, {
    format: 'report [{bar}] {value}/{total} cells | last {kind} {sec} s | eta {eta_formatted}',
    line: ({ done, total, r }) => `cell ${done}/${total}: ${r.spec.kind} ${r.id} (${(r.timing.ms / 1000).toFixed(1)} s)`,
    position: ({ done, total }) => ({ value: done, total }),
    payload: ({ r }) => ({ kind: r.spec.kind, sec: (r.timing.ms / 1000).toFixed(1) }),
  });
  return { update: (done, total, r) => progress.update({ done, total, r }), stop: progress.stop };
}

/**
 * Human summary of a report run.
 * @param r - the result.
 * @returns multi-line text.
 */
export function formatReportSummary(r: ReportRunResult): string {
  const shard = r.shard === null ? '' : ` shard ${r.shard.index}/${r.shard.count}`;
  const lines = [
    `soteria-lab report ${r.preset}${shard}: ${r.cells.inShard} of ${r.cells.total} cells (${r.cells.computed} computed, ${r.cells.reused} reused) in ${r.wallSeconds} s`,
    r.htmlFile === null ? `wrote cells and manifest.json to ${r.outDir}; combine the shards with: soteria-lab report --merge DIR... --out DIR` : `wrote ${r.htmlFile}\nwrote ${r.resultsFile}`,
  ];
  if (r.verdicts !== null) lines.push(`verdicts: ${Object.entries(r.verdicts).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  lines.push(`reproduce: ${r.provenance.command}`);
  return lines.join('\n');
}
