/**
 * The one object a command handler receives: resolved global options plus the two ways to
 * write (`log` for stderr, `emit` for the result on stdout). Built by the factory that
 * `main` hands to every `register*` function.
 */
import type { Command } from 'commander';
import { parseBackend, type BackendChoice } from './globalOptions.js';
import type { CliIo } from './io.js';

/** What every command handler gets. */
export interface CommandContext {
  /** Seed of every random draw (`--seed`, default 0). */
  readonly seed: number;
  /** Backend the user asked for (`--backend`, else $SOTERIA_BACKEND, else 'auto'); pass it to `initBackend`. */
  readonly backend: BackendChoice;
  /** True with `--json`. */
  readonly json: boolean;
  /** The user's arguments (no `node`/script path), for provenance. */
  readonly argv: readonly string[];
  /** Writes one line to stderr (never stdout, so `--json` output stays clean). */
  readonly log: (message: string) => void;
  /** Stream for progress bars (stderr). */
  readonly progressStream: NodeJS.WritableStream;
  /**
   * Writes the command's result to stdout: the JSON object with `--json`, else `summary`.
   * Call it once, at the end of a successful run.
   */
  readonly emit: (result: object, summary: string) => void;
}

/** Builds the context for the command whose action is running. */
export type MakeContext = (command: Command) => CommandContext;

/**
 * Returns the factory `main` passes to every `register*` function.
 * @param io - streams and environment.
 * @param userArgs - the user's arguments (argv without `node` and the script).
 * @returns a function from the running command to its context.
 * @throws InputError (from the returned function) when $SOTERIA_BACKEND is not a backend name.
 */
export function makeContextFactory(io: CliIo, userArgs: readonly string[]): MakeContext {
  return (command) => {
    const opts = command.optsWithGlobals<{ seed: number; backend?: BackendChoice; json: boolean }>();
    const envBackend = io.env.SOTERIA_BACKEND;
    const backend = opts.backend ?? (envBackend ? parseBackend(envBackend, 'SOTERIA_BACKEND') : 'auto');
    const json = opts.json === true;
    let emitted = false;
    return {
      seed: opts.seed,
      backend,
      json,
      argv: [...userArgs],
      log: (message) => void io.stderr.write(`${message}\n`),
      progressStream: io.stderr,
      emit: (result, summary) => {
        if (emitted) throw new Error(`${command.name()}: emit called twice (stdout must carry exactly one result)`);
        emitted = true;
        io.stdout.write(json ? `${JSON.stringify(result)}\n` : `${summary.replace(/\n$/, '')}\n`);
      },
    };
  };
}
