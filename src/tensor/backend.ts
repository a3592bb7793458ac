/**
 * The backend seam. `initBackend` picks the tfjs backend, installs the second-order-gradient
 * patch set once, and reports what was actually used (every result records it).
 *
 *  - `wasm` (default on CPU machines): tfjs-backend-wasm (XNNPACK, SIMD), patched.
 *  - `cpu`: plain-JS reference backend, patched (slow; for debugging and cross-checks).
 *  - `tensorflow` / `tensorflow-gpu`: optional peers `@tensorflow/tfjs-node(-gpu)`. They download
 *    libtensorflow at install time, so they are never installed by `npm ci`.
 *  - `webgpu`: optional peers `@tensorflow/tfjs-backend-webgpu` + `webgpu` (Dawn for Node).
 *  - `auto`: tensorflow-gpu, then tensorflow, then webgpu when installed and working, else wasm.
 */
import { InputError } from '../errors.js';
import { tf } from './tf.js';
import { setPatches, patchState, type PatchState } from './patches.js';

export const BACKEND_NAMES = ['auto', 'wasm', 'cpu', 'tensorflow', 'tensorflow-gpu', 'webgpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What `initBackend` did. JSON-serialisable. */
export interface BackendInfo {
  /** What the user asked for. */
  readonly requested: BackendName;
  /** The tfjs backend actually in use ('wasm', 'cpu', 'tensorflow', 'webgpu'). */
  readonly name: string;
  /** Which package/variant provides it, e.g. 'tfjs-backend-wasm 4.22.0 (simd)'. */
  readonly detail: string;
  /** Patch groups active. */
  readonly patches: PatchState;
}

const INSTALL_HINT: Record<string, string> = {
  tensorflow: 'npm install @tensorflow/tfjs-node@4.22.0 (its install script downloads libtensorflow, so it needs internet at install time)',
  'tensorflow-gpu': 'npm install @tensorflow/tfjs-node-gpu@4.22.0 (downloads libtensorflow-gpu at install time; needs CUDA 11.2 / cuDNN 8.1)',
  webgpu: 'npm install @tensorflow/tfjs-backend-webgpu@4.22.0 webgpu (Dawn for Node; needs a Vulkan-capable GPU driver)',
};

/** Parse a backend name (flag or SOTERIA_BACKEND); bad values are an InputError. */
export function parseBackendName(value: string | undefined, where = '--backend'): BackendName {
  const v = value ?? process.env.SOTERIA_BACKEND ?? 'auto';
  if ((BACKEND_NAMES as readonly string[]).includes(v)) return v as BackendName;
  throw new InputError(`${where}: unknown backend '${v}' (expected one of ${BACKEND_NAMES.join(', ')})`);
}

async function importOptional(pkg: string): Promise<unknown> {
  // A variable specifier keeps bundlers and tsc from resolving optional peers at build time.
  const spec: string = pkg;
  return import(spec);
}

async function tryTensorflow(gpu: boolean): Promise<string> {
  const pkg = gpu ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  await importOptional(pkg);
  if (!(await tf.setBackend('tensorflow'))) throw new Error(`${pkg} loaded but the 'tensorflow' backend failed to initialise`);
  return `${pkg} (libtensorflow)`;
}

async function tryWebgpu(): Promise<string> {
  const dawn = (await importOptional('webgpu')) as { create(flags: string[]): unknown; globals?: object };
  const g = globalThis as unknown as { navigator?: { gpu?: unknown } };
  if (dawn.globals !== undefined) Object.assign(globalThis, dawn.globals);
  if (g.navigator === undefined) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  (g.navigator as { gpu?: unknown }).gpu = dawn.create([]);
  await importOptional('@tensorflow/tfjs-backend-webgpu');
  if (!(await tf.setBackend('webgpu'))) throw new Error('webgpu backend registered but no GPU adapter was found');
  return 'tfjs-backend-webgpu on Dawn (webgpu package)';
}

async function useWasm(): Promise<string> {
  if (!(await tf.setBackend('wasm'))) throw new Error('tfjs-backend-wasm failed to initialise');
  return `tfjs-backend-wasm ${tf.version_core}`;
}

async function useCpu(): Promise<string> {
  await tf.setBackend('cpu');
  return `tfjs-backend-cpu ${tf.version_core}`;
}

async function select(requested: BackendName): Promise<string> {
  switch (requested) {
    case 'wasm':
      return useWasm();
    case 'cpu':
      return useCpu();
    case 'tensorflow':
    case 'tensorflow-gpu':
    case 'webgpu':
      try {
        return requested === 'webgpu' ? await tryWebgpu() : await tryTensorflow(requested === 'tensorflow-gpu');
      } catch (e) {
        const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
        throw new InputError(`--backend ${requested}: not available (${why}); install it with: ${INSTALL_HINT[requested]}`);
      }
    case 'auto':
      for (const attempt of [() => tryTensorflow(true), () => tryTensorflow(false), tryWebgpu]) {
        try {
          return await attempt();
        } catch {
          // optional backend missing or not working: fall through to the next one
        }
      }
      return useWasm();
  }
}

/**
 * Select the backend and install the full patch set (idempotent; the last call wins).
 * @param requested backend name; default from SOTERIA_BACKEND, else 'auto'.
 */
export async function initBackend(requested: BackendName = parseBackendName(undefined)): Promise<BackendInfo> {
  setPatches();
  const detail = await select(requested);
  await tf.ready();
  return { requested, name: tf.getBackend(), detail, patches: patchState() };
}
