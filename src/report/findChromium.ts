/**
 * Locates the system Chromium that the browser check drives (Debian: `apt-get install chromium`).
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Executable names tried on PATH, in order. */
const NAMES = ['chromium', 'chromium-browser'];

const isExecutable = (path: string): boolean => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/**
 * Path of the Chromium executable: `env.CHROMIUM_PATH` when set (it must be executable), else the
 * first `chromium` / `chromium-browser` on `env.PATH`; undefined when there is none.
 */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const explicit = env.CHROMIUM_PATH;
  if (explicit !== undefined && explicit !== '') return isExecutable(explicit) ? explicit : undefined;
  const dirs = (env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of NAMES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutable(path)) return path;
    }
  }
  return undefined;
}
