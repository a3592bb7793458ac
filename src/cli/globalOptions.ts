/**
 * The options every command takes (DESIGN.md, "Command line"): `--seed`, `--backend`, `--json`.
 * They are defined once, on the root program; commander recognises them before or after the
 * command name, and handlers read them through `CommandContext` (see context.ts).
 */
import type { Command } from 'commander';
import { InputError } from '../errors.js';

/**
 * Backends a user may request. Mirrors `BACKEND_NAMES` in src/tensor/backend.ts (a test keeps
 * the two equal); kept here so that `--help` and flag validation do not load TensorFlow.js.
 */
export const BACKEND_CHOICES = ['auto', 'wasm', 'cpu', 'tensorflow', 'tensorflow-gpu', 'webgpu'] as const;

/** A backend name accepted by `--backend`. */
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/**
 * Parses a `--seed` value: a non-negative safe integer written in decimal.
 * @param raw - the text after `--seed`.
 * @param where - the name to blame in the error message.
 * @returns the seed.
 * @throws InputError when `raw` is not a non-negative safe integer.
 */
export function parseSeed(raw: string, where = '--seed'): number {
  const seed = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : Number.NaN;
  if (!Number.isSafeInteger(seed)) {
    throw new InputError(
      `${where}: not a non-negative integer (got '${raw}', expected an integer in 0..${Number.MAX_SAFE_INTEGER})`,
    );
  }
  return seed;
}

/**
 * Parses a `--backend` value.
 * @param raw - the requested backend name.
 * @param where - the name to blame in the error message (`--backend` or `SOTERIA_BACKEND`).
 * @returns the backend name.
 * @throws InputError when `raw` is not one of `BACKEND_CHOICES`.
 */
export function parseBackend(raw: string, where = '--backend'): BackendChoice {
  const found = BACKEND_CHOICES.find((name) => name === raw);
  if (found === undefined) {
    throw new InputError(`${where}: unknown backend (got '${raw}', expected one of ${BACKEND_CHOICES.join('|')})`);
  }
  return found;
}

/**
 * Adds `--seed`, `--backend` and `--json` to the root program.
 * @param program - the root `soteria-lab` command.
 * @returns the same program, for chaining.
 */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--seed <n>', 'seed of every random draw (non-negative integer)', (raw: string) => parseSeed(raw), 0)
    .option(
      '--backend <name>',
      `compute backend: ${BACKEND_CHOICES.join('|')} (default: $SOTERIA_BACKEND, else auto)`,
      (raw: string) => parseBackend(raw),
    )
    .option('--json', 'print exactly one JSON object on stdout; logs and progress go to stderr', false);
}
