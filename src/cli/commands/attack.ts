/**
 * `soteria-lab attack` — placeholder until issue 4.
 * Options per DESIGN.md: --preset P | --config FILE [--attack dlg|gs|idlg|repinfer] [--defense KIND] [--param X].
 */
import { Option, type Command } from 'commander';
import type { MakeContext } from '../context.js';
import { numberParser } from '../parsers.js';
import { notImplemented } from './notImplemented.js';

/** Attacks selectable with `--attack`. */
export const ATTACK_CHOICES = ['dlg', 'gs', 'idlg', 'repinfer'] as const;

/**
 * Registers `attack` on the root program.
 * @param program - the root `soteria-lab` command.
 * @param makeCtx - builds the handler's `CommandContext`.
 */
export function registerAttack(program: Command, makeCtx: MakeContext): void {
  program
    .command('attack')
    .description('run a gradient-inversion attack against a (defended) shared update')
    .option('--preset <name>', 'named experiment preset')
    .option('--config <file>', 'JSON config file (validated; unknown keys are errors)')
    .addOption(new Option('--attack <kind>', 'attack to run').choices(ATTACK_CHOICES))
    .option('--defense <kind>', 'defense applied to the shared update (e.g. soteria, gradientPruning, dpNoise)')
    .option('--param <x>', 'defense strength (pruning rate %, or noise sigma)', numberParser('--param'))
    .action((_opts: unknown, command: Command) => {
      makeCtx(command);
      notImplemented('attack', 4);
    });
}
