/**
 * Where a worker-thread entry lives. Worker threads load compiled JavaScript: running from
 * `dist/` the entry is the sibling `.js` file; running the TypeScript sources (tests under
 * vitest) it is the compiled copy of the same file under `dist/`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The URL of `entry` (a file name such as `cellWorker.js`) in the folder of the module at
 * `moduleUrl` (pass `import.meta.url`), mapped from src/ to dist/ when running sources.
 * @throws Error naming the file and the fix when no compiled entry exists.
 */
export function compiledWorkerUrl(moduleUrl: string, entry: string, where: string): URL {
  const here = fileURLToPath(moduleUrl);
  const dir = here.replace(/[\\/][^\\/]*$/, '');
  const compiledDir = here.endsWith('.js') ? dir : dir.replace(/([\\/])src([\\/]|$)(?!.*[\\/]src([\\/]|$))/, '$1dist$2');
  const file = `${compiledDir}/${entry}`;
  if (!existsSync(file)) throw new Error(`${where}: worker entry ${file} not found (run \`npm run build\`, or use --workers 0)`);
  return pathToFileURL(file);
}
