/**
 * `soteria-lab demo` (also `npm start`): runs what exists of the pipeline end to end on a small
 * setting, prints what each step did and writes `<out>/demo.json` with provenance.
 */
import type { Command } from 'commander';
import type { DemoResult } from '../../experiments/demo.js';
import type { MakeContext } from '../context.js';
import { intParser } from '../parsers.js';

/** Options of `demo` after parsing. */
interface DemoCliOptions {
  readonly images: number;
  readonly rounds: number;
  readonly checkSamples: number;
  readonly out: string;
}

/**
 * Registers `demo` on the root program.
 * @param program - the root `soteria-lab` command.
 * @param makeCtx - builds the handler's `CommandContext`.
 */
export function registerDemo(program: Command, makeCtx: MakeContext): void {
  program
    .command('demo')
    .description('run the pipeline end to end on a small setting and say what it did (writes reports/quick/demo.json)')
    .option('--images <n>', 'MNIST test images to load and classify', intParser('--images', 1, 10_000), 100)
    .option('--rounds <n>', 'FedAvg rounds of each demo training (quick preset)', intParser('--rounds', 1, 1000), 5)
    .option('--check-samples <n>', 'cases per family of the demo theory checks', intParser('--check-samples', 1, 10_000), 20)
    .option('--out <dir>', 'output directory', 'reports/quick')
    .action(async (opts: DemoCliOptions, command: Command) => {
      const ctx = makeCtx(command);
      // Loaded lazily: it pulls in TensorFlow.js, which `--help` and the other commands don't need.
      const { runDemo } = await import('../../experiments/demo.js');
      const result = await runDemo({ images: opts.images, rounds: opts.rounds, checkSamples: opts.checkSamples, outDir: opts.out, seed: ctx.seed, backend: ctx.backend, argv: ctx.argv, log: ctx.log });
      ctx.emit(result, formatDemoSummary(result));
    });
}

/**
 * Human summary of a demo run: one line per step with its figures.
 * @param result - the demo result.
 * @returns multi-line text.
 */
export function formatDemoSummary(result: DemoResult): string {
  const lines = result.steps.map((s) => {
    const figures = Object.entries(s.figures).map(([k, v]) => `${k}=${String(v)}`).join(', ');
    return `  ${s.step.padEnd(13)} ${s.did}\n  ${''.padEnd(13)} ${figures} (${s.ms} ms)`;
  });
  return [
    `soteria-lab demo (seed ${result.provenance.seed}, backend ${result.provenance.backend.used})`,
    ...lines,
    `  tensors leaked: ${result.leakedTensors}`,
    `wrote ${result.outFile}`,
    `reproduce: ${result.provenance.command}`,
  ].join('\n');
}
