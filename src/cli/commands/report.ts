/**
 * `soteria-lab report` — placeholder until issue 6.
 * Options per DESIGN.md: --preset quick|paper [--out DIR].
 */
import { Option, type Command } from 'commander';
import type { MakeContext } from '../context.js';
import { notImplemented } from './notImplemented.js';

/**
 * Registers `report` on the root program.
 * @param program - the root `soteria-lab` command.
 * @param makeCtx - builds the handler's `CommandContext`.
 */
export function registerReport(program: Command, makeCtx: MakeContext): void {
  program
    .command('report')
    .description("reproduce the paper's figures, tables and theorem verdicts as one HTML report")
    .addOption(new Option('--preset <name>', 'report preset').choices(['quick', 'paper']).default('quick'))
    .option('--out <dir>', 'output directory (default reports/<preset>)')
    .action((_opts: unknown, command: Command) => {
      makeCtx(command);
      notImplemented('report', 6);
    });
}
