/**
 * `soteria-lab demo` (also `npm start`) = `report --preset quick` (DESIGN.md), preceded by quick
 * sanity steps (backend, MNIST, LeNet, one DLG objective evaluation); writes
 * reports/quick/index.html, results.json and demo.json.
 */
import { Option, type Command } from 'commander';
import type { DemoResult } from '../../experiments/demo.js';
import type { MakeContext } from '../context.js';
import { intParser } from '../parsers.js';
import { formatReportSummary, makeReportProgress } from './report.js';

/** Options of `demo` after parsing. */
interface DemoCliOptions {
  readonly preset: string;
  readonly out?: string;
  readonly workers: number;
  readonly dataDir?: string;
}

/**
 * Registers `demo` on the root program.
 * @param program - the root `soteria-lab` command.
 * @param makeCtx - builds the handler's `CommandContext`.
 */
export function registerDemo(program: Command, makeCtx: MakeContext): void {
  program
    .command('demo')
    .description('= report --preset quick, after a few sanity steps: writes reports/quick/index.html (about 6–7 minutes on 2 idle cores)')
    .addOption(new Option('--preset <name>', 'report preset (tiny: 1-step cells, for tests)').choices(['quick', 'tiny']).default('quick'))
    .option('--out <dir>', 'output directory (default reports/<preset>)')
    .option('--workers <n>', 'worker threads, each with its own tfjs (0 = this thread)', intParser('--workers', 0, 64), 2)
    .option('--data-dir <dir>', 'CIFAR-10 binary batches (unused by quick)')
    .action(async (opts: DemoCliOptions, command: Command) => {
      const ctx = makeCtx(command);
      // Loaded lazily: it pulls in TensorFlow.js, which `--help` and the other commands don't need.
      const { runDemo } = await import('../../experiments/demo.js');
      const progress = await makeReportProgress(ctx);
      try {
        const result = await runDemo({
          preset: opts.preset, outDir: opts.out ?? `reports/${opts.preset}`, workers: opts.workers, seed: ctx.seed, backend: ctx.backend, argv: ctx.argv, log: ctx.log,
          ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}), onCell: progress.update,
        });
        progress.stop();
        ctx.emit(result, formatDemoSummary(result));
      } finally {
        progress.stop();
      }
    });
}

/**
 * Human summary of a demo run: the sanity steps, then the report summary.
 * @param result - the demo result.
 * @returns multi-line text.
 */
export function formatDemoSummary(result: DemoResult): string {
  const lines = result.steps.map((s) => {
    const figures = Object.entries(s.figures).map(([k, v]) => `${k}=${String(v)}`).join(', ');
    return `  ${s.step.padEnd(13)} ${s.did}\n  ${''.padEnd(13)} ${figures} (${s.ms} ms)`;
  });
  return ['soteria-lab demo: sanity steps', ...lines, `  tensors leaked: ${result.leakedTensors}`, formatReportSummary(result.report), `wrote ${result.outFile}`].join('\n');
}
