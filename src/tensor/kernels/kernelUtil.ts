/**
 * Helpers for kernels written with tf ops (wasm patches). Kernel inputs are usually Tensors
 * (ops pass them straight through runKernel) but may be bare TensorInfos when one kernel calls
 * another; `asTensor` wraps those, incrementing the backend refcount so that disposing the
 * wrapper (e.g. at the end of tf.tidy) does not free the caller's data.
 */
import { tf } from '../tf.js';

type KernelConfig = Parameters<typeof tf.registerKernel>[0];
export type { KernelConfig };

interface TensorInfoLike { dataId: object; shape: number[]; dtype: string; rank?: number }

/** A Tensor view of a kernel input. Must be created inside a tf.tidy scope. */
export function asTensor<T extends tf.Tensor>(info: unknown): T {
  const i = info as TensorInfoLike;
  if (i.rank !== undefined) return info as T;
  const engine = tf.engine();
  (engine.backend as unknown as { incRef(id: object): void }).incRef(i.dataId);
  return engine.makeTensorFromTensorInfo(i as never) as T;
}

/** Swap the last two axes. */
export function transposeLast2(t: tf.Tensor): tf.Tensor {
  const perm = t.shape.map((_, i) => i);
  const r = perm.length;
  [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
  return tf.transpose(t, perm);
}

/** Registry of kernels we replaced, so they can be restored exactly. */
export class KernelSwap {
  private readonly saved = new Map<string, KernelConfig | undefined>();

  /** Register `cfg`, remembering whatever was registered before. */
  install(cfg: KernelConfig): void {
    const key = `${cfg.backendName}/${cfg.kernelName}`;
    if (!this.saved.has(key)) this.saved.set(key, tf.getKernel(cfg.kernelName, cfg.backendName) as KernelConfig | undefined);
    const before = this.saved.get(key);
    if (tf.getKernel(cfg.kernelName, cfg.backendName) !== undefined) tf.unregisterKernel(cfg.kernelName, cfg.backendName);
    // Stock wasm kernels bind their wasm functions in setupFunc, which runs when the backend
    // initialises; keep it so the stock kernel stays callable as our fallback.
    tf.registerKernel({ ...cfg, setupFunc: cfg.setupFunc ?? before?.setupFunc, disposeFunc: cfg.disposeFunc ?? before?.disposeFunc });
  }

  /** The kernel that was registered before `install` (undefined when there was none). */
  original(kernelName: string, backendName: string): KernelConfig | undefined {
    const key = `${backendName}/${kernelName}`;
    return this.saved.has(key) ? this.saved.get(key) : (tf.getKernel(kernelName, backendName) as KernelConfig | undefined);
  }

  /** Put every replaced kernel back. */
  restore(): void {
    for (const [key, cfg] of this.saved) {
      const [backendName, kernelName] = key.split('/');
      if (tf.getKernel(kernelName, backendName) !== undefined) tf.unregisterKernel(kernelName, backendName);
      if (cfg !== undefined) tf.registerKernel(cfg);
    }
    this.saved.clear();
  }
}
