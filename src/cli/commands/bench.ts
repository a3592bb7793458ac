/**
 * `soteria-lab bench [--only NAME[,NAME…]] [--passes N] [--vs-torch] [--python PATH]` (issue 7):
 * times the attack closures, training steps, Soteria's Jacobian, one FL round and the Lemma-1
 * checker with warm-up and interleaved passes (median and minimum ms per iteration); with
 * `--vs-torch` also runs tools/bench-torch.py (PyTorch, 1 thread) and prints the ratios.
 */
import type { Command } from 'commander';
import type { MakeContext } from '../context.js';
import { intParser } from '../parsers.js';

/** Options of `bench` after parsing. */
interface BenchCliOptions {
  readonly only?: string;
  readonly passes: number;
  readonly vsTorch: boolean;
  readonly python?: string;
}

/**
 * Registers `bench` on the root program.
 * @param program - the root `soteria-lab` command.
 * @param makeCtx - builds the handler's `CommandContext`.
 */
export function registerBench(program: Command, makeCtx: MakeContext): void {
  program
    .command('bench')
    .description('time the attack closures, training steps, Soteria mask, an FL round and the Lemma-1 checker (optionally against PyTorch)')
    .option('--only <names>', 'comma list of workloads: dlg-closure-lenet-b1, gs-closure-lenet-b1, train-lenet-b32, train-tinycnn-b32, train-fedavgcnn-b32, soteria-mask-lenet(-batched|-loop), fl-round-mnist(-2w), theory-lemma1')
    .option('--passes <n>', 'interleaved timed passes per workload', intParser('--passes', 1, 1000), 3)
    .option('--vs-torch', 'also run tools/bench-torch.py (PyTorch, 1 thread) and print tfjs/PyTorch ratios', false)
    .option('--python <path>', 'python interpreter with torch for --vs-torch (default /usr/bin/python3, else python3)')
    .action(async (opts: BenchCliOptions, command: Command) => {
      const ctx = makeCtx(command);
      // Loaded lazily: they pull in TensorFlow.js, which `--help` and the other commands don't need.
      const { benchReport } = await import('../../bench/benchReport.js');
      const { defaultPython } = await import('../../bench/torchCompare.js');
      const { formatBench } = await import('../../bench/formatBench.js');
      const torchPython = opts.vsTorch ? (opts.python ?? defaultPython()) : undefined;
      const report = await benchReport({ only: opts.only, passes: opts.passes, seed: ctx.seed, backend: ctx.backend, torchPython, argv: ctx.argv, log: ctx.log });
      ctx.emit(report, formatBench(report));
    });
}
