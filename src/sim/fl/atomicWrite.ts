/**
 * Crash-safe file writes: write a temp file in the same directory, fsync it, rename it over the
 * target, fsync the directory. A reader (or a resumed run after SIGKILL) sees either the old or
 * the new file, never a torn one.
 */
import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Atomically replace `path` with `text`.
 * @param path - target file; its directory must exist.
 * @param text - the new contents (UTF-8).
 */
export function atomicWrite(path: string, text: string): void {
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  try {
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
  fsyncDir(dir);
}

/**
 * Append `text` to `path` and fsync it.
 * @param path - the file (created if missing).
 * @param text - what to append (UTF-8).
 */
export function appendDurable(path: string, text: string): void {
  const fd = openSync(path, 'a');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms cannot fsync a directory; the rename itself is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
