/**
 * Turns anything a command threw into the exit code of DESIGN.md and a one-line message on
 * stderr: 0 for `--help`/`--version`, 2 for bad input (commander's parse errors and `InputError`),
 * 1 for a failed run (stack trace only with SOTERIA_DEBUG=1).
 */
import { CommanderError } from 'commander';
import { isInputError } from '../errors.js';
import type { CliIo } from './io.js';

/** Exit codes of the `soteria-lab` binary. */
export const EXIT = { ok: 0, failed: 1, badInput: 2 } as const;

const CLEAN_EXITS: ReadonlySet<string> = new Set(['commander.helpDisplayed', 'commander.version']);

/**
 * Writes the failure message and returns the exit code.
 * @param error - what the command (or commander) threw.
 * @param io - where to write; `io.env.SOTERIA_DEBUG === '1'` adds the stack of run failures.
 * @param commandNames - the registered command names, listed when the command is unknown.
 * @returns 0, 1 or 2 (see `EXIT`).
 */
export function reportFailure(error: unknown, io: CliIo, commandNames: readonly string[]): number {
  if (error instanceof CommanderError) {
    if (CLEAN_EXITS.has(error.code)) return EXIT.ok;
    // 'commander.help': `help <cmd>` (exit code 0), or no command given (help already on stderr).
    if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.ok : EXIT.badInput;
    writeLine(io, commanderMessage(error, commandNames));
    return EXIT.badInput;
  }
  if (isInputError(error)) {
    writeLine(io, error.message);
    return EXIT.badInput;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeLine(io, message);
  if (io.env.SOTERIA_DEBUG === '1' && error instanceof Error && error.stack) io.stderr.write(`${error.stack}\n`);
  return EXIT.failed;
}

function commanderMessage(error: CommanderError, commandNames: readonly string[]): string {
  const text = error.message
    .replace(/^error:\s*/i, '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ');
  if (error.code === 'commander.unknownCommand') return `${text} (expected one of ${commandNames.join('|')})`;
  if (error.code === 'commander.unknownOption') return `${text} (see soteria-lab <command> --help)`;
  return text;
}

function writeLine(io: CliIo, message: string): void {
  const oneLine = message.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
  io.stderr.write(`soteria-lab: ${oneLine}\n`);
}
