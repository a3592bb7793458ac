/**
 * Where the CLI writes. `main` takes one of these so tests can run commands in-process and
 * capture both streams; the binary uses the process's own streams.
 */
export interface CliIo {
  /** Results only: one JSON object with `--json`, else the human summary. */
  readonly stdout: NodeJS.WritableStream;
  /** Everything else: logs, progress bars, errors. */
  readonly stderr: NodeJS.WritableStream;
  /** Environment variables (SOTERIA_BACKEND, SOTERIA_DEBUG). */
  readonly env: NodeJS.ProcessEnv;
}

/**
 * The process's own streams and environment.
 * @returns the default `CliIo`.
 */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env };
}
