/**
 * `soteria-lab bench` — placeholder until issue 7.
 * Options per DESIGN.md: [--only NAME].
 */
import type { Command } from 'commander';
import type { MakeContext } from '../context.js';
import { notImplemented } from './notImplemented.js';

/**
 * Registers `bench` on the root program.
 * @param program - the root `soteria-lab` command.
 * @param makeCtx - builds the handler's `CommandContext`.
 */
export function registerBench(program: Command, makeCtx: MakeContext): void {
  program
    .command('bench')
    .description('time the attack closures and training steps on the selected backend')
    .option('--only <name>', 'run only the benchmark with this name')
    .action((_opts: unknown, command: Command) => {
      makeCtx(command);
      notImplemented('bench', 7);
    });
}
