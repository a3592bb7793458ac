/**
 * Placeholder handler body for commands that are registered (so `--help` documents them) but not
 * written yet. Throws a plain Error, so the command exits with code 1.
 */

/**
 * Throws "<command>: not implemented yet (tracked in issue N)".
 * @param command - the command name.
 * @param issue - the tracking issue number.
 * @returns never.
 */
export function notImplemented(command: string, issue: number): never {
  throw new Error(`${command}: not implemented yet (tracked in issue ${issue})`);
}
