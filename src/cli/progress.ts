/**
 * The one progress mechanism of the command line: a cli-progress bar on a terminal, otherwise
 * (`--json`, stdout not a TTY, or `CI` set) one log line per update on stderr.
 */
import type { CommandContext } from './context.js';

/** What a command says about one update. */
export interface ProgressView<T> {
  /** cli-progress format string ({bar}, {value}, {total}, {eta_formatted} and the payload keys). */
  readonly format: string;
  /** The log line used when no bar is shown. */
  readonly line: (event: T) => string;
  /** Bar position after this update, and the total (read at the first update). */
  readonly position: (event: T) => { readonly value: number; readonly total: number };
  /** Values for the format's own keys. */
  readonly payload: (event: T) => Record<string, string>;
}

/** A started progress display. */
export interface Progress<T> {
  readonly update: (event: T) => void;
  readonly stop: () => void;
}

/**
 * A progress display for `ctx`. The bar starts at the first update, so a command's opening log
 * line stays readable.
 * @param ctx - the command context (progress stream, --json).
 * @param view - how the command's events are shown.
 */
export async function makeProgress<T>(ctx: CommandContext, view: ProgressView<T>): Promise<Progress<T>> {
  const stream = ctx.progressStream as NodeJS.WriteStream;
  if (ctx.json || stream.isTTY !== true || process.env.CI) return { update: (e) => ctx.log(view.line(e)), stop: () => undefined };
  const { default: cliProgress } = await import('cli-progress');
  const bar = new cliProgress.SingleBar({ stream, format: view.format, hideCursor: true }, cliProgress.Presets.shades_classic);
  let started = false;
  return {
    update: (e) => {
      const { value, total } = view.position(e);
      if (!started) bar.start(total, value, view.payload(e));
      else bar.update(value, view.payload(e));
      started = true;
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
