/**
 * Entry point of the `soteria-lab` binary (bin/soteria-lab.js calls `main(process.argv)`).
 * Builds the commander program, runs the chosen command and maps every outcome to the exit
 * codes of DESIGN.md: 0 success, 1 the run failed, 2 bad input (one line on stderr).
 */
import { Command } from 'commander';
import { ownPackage } from '../experiments/packageVersions.js';
import { registerAttack } from './commands/attack.js';
import { registerBench } from './commands/bench.js';
import { registerCheck } from './commands/check.js';
import { registerDemo } from './commands/demo.js';
import { registerReport } from './commands/report.js';
import { registerTrain } from './commands/train.js';
import { makeContextFactory, type MakeContext } from './context.js';
import { addGlobalOptions } from './globalOptions.js';
import { processIo, type CliIo } from './io.js';
import { reportFailure } from './reportFailure.js';

/** A command module's entry: adds one command (with its options and handler) to the program. */
export type RegisterCommand = (program: Command, makeCtx: MakeContext) => void;

/** Every command, in the order `--help` lists them. */
const COMMANDS: readonly RegisterCommand[] = [
  registerDemo,
  registerTrain,
  registerAttack,
  registerCheck,
  registerReport,
  registerBench,
];

/**
 * Builds the root program with global options, output routing and all commands registered.
 * @param io - streams and environment.
 * @param userArgs - the user's arguments (argv without `node` and the script).
 * @returns the commander program, not yet parsed.
 */
export function buildProgram(io: CliIo, userArgs: readonly string[]): Command {
  const program = new Command('soteria-lab')
    .description('Check the claims of the Soteria paper (Sun et al., CVPR 2021) and simulate FL privacy attacks and defenses.')
    .version(ownPackage().version, '-V, --version', 'print the soteria-lab version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      outputError: () => undefined, // reportFailure prints the one-line message instead
    });
  addGlobalOptions(program);
  const makeCtx = makeContextFactory(io, userArgs);
  // Validate the global options (including $SOTERIA_BACKEND) before any handler runs.
  program.hook('preAction', (_root, actionCommand) => void makeCtx(actionCommand));
  for (const register of COMMANDS) register(program, makeCtx);
  program.addHelpText('after', '\nExit codes: 0 success (a violated theorem is a successful check), 1 the run failed, 2 bad input.');
  return program;
}

/**
 * Runs the CLI.
 * @param argv - process.argv-style arguments: [node, script, ...userArgs].
 * @param io - where to write; defaults to the process's streams and environment.
 * @returns the exit code (0, 1 or 2).
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const userArgs = argv.slice(2);
  const program = buildProgram(io, userArgs);
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return 0;
  } catch (error) {
    return reportFailure(error, io, program.commands.map((command) => command.name()));
  }
}
