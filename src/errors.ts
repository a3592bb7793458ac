/**
 * Errors that cross layers. `InputError` means "the user gave us something we cannot use"
 * (bad flag, unknown config key, corrupt data file, wrong shape, missing optional backend):
 * the CLI prints its one-line message and exits with code 2. Anything else is a failed run (exit 1).
 */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** True for errors that mean bad input (exit code 2). */
export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
