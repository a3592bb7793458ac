/**
 * Test helpers for the command line (imported only by `*.test.ts`): run `main` in-process with
 * captured stdout/stderr.
 */
import { Writable } from 'node:stream';
import { main } from './main.js';

/** What one in-process invocation printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A writable stream that keeps everything written to it. */
export function sink(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

/** `soteria-lab ...args` in-process, with the given environment (default empty). */
export async function runCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const out = sink();
  const err = sink();
  const code = await main(['node', 'soteria-lab', ...args], { stdout: out.stream, stderr: err.stream, env });
  return { code, stdout: out.text(), stderr: err.text() };
}
