/**
 * cpu kernel patch: a typed-array Conv2DBackpropFilter. The stock kernel reads every element
 * through TensorBuffer.get and dominated DLG closures (131 of ~158 ms) and conv training.
 * dW[kh,kw,ci,co] = Σ_{n,ho,wo} x[n, ho·sh + kh − top, wo·sw + kw − left, ci] · dy[n,ho,wo,co].
 */
import { tf } from '../tf.js';
import { KernelSwap } from './kernelUtil.js';

interface CpuBackend {
  data: { get(id: object): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: string, values: Float32Array): unknown;
}

const swap = new KernelSwap();

function conv2dBackpropFilter({ inputs, attrs, backend }: { inputs: Record<string, unknown>; attrs?: unknown; backend: unknown }): unknown {
  const b = backend as CpuBackend;
  const xi = inputs.x as { dataId: object; shape: number[] };
  const dyi = inputs.dy as { dataId: object; shape: number[] };
  const a = attrs as { strides: [number, number] | number; pad: 'valid' | 'same' | number; dimRoundingMode?: 'floor' | 'round' | 'ceil'; filterShape: [number, number, number, number] };
  const info = tf.backend_util.computeConv2DInfo(xi.shape as [number, number, number, number], a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode);
  const x = b.data.get(xi.dataId).values;
  const dy = b.data.get(dyi.dataId).values;
  const [N, H, W, Ci] = xi.shape;
  const [, Ho, Wo, Co] = dyi.shape;
  const [KH, KW] = a.filterShape;
  const { top, left } = info.padInfo;
  const dW = new Float32Array(KH * KW * Ci * Co);
  for (let n = 0; n < N; n++) {
    for (let ho = 0; ho < Ho; ho++) {
      for (let wo = 0; wo < Wo; wo++) {
        const dyOff = ((n * Ho + ho) * Wo + wo) * Co;
        for (let kh = 0; kh < KH; kh++) {
          const ih = ho * info.strideHeight + kh - top;
          if (ih < 0 || ih >= H) continue;
          for (let kw = 0; kw < KW; kw++) {
            const iw = wo * info.strideWidth + kw - left;
            if (iw < 0 || iw >= W) continue;
            const xOff = ((n * H + ih) * W + iw) * Ci;
            const wBase = (kh * KW + kw) * Ci;
            for (let ci = 0; ci < Ci; ci++) {
              const xv = x[xOff + ci];
              if (xv === 0) continue;
              const wOff = (wBase + ci) * Co;
              for (let co = 0; co < Co; co++) dW[wOff + co] += xv * dy[dyOff + co];
            }
          }
        }
      }
    }
  }
  return b.makeTensorInfo([KH, KW, Ci, Co], 'float32', dW);
}

/** Install the cpu kernel patch. */
export function registerCpuKernels(): void {
  swap.install({ kernelName: 'Conv2DBackpropFilter', backendName: 'cpu', kernelFunc: conv2dBackpropFilter as never });
}

/** Restore the stock cpu kernel. */
export function unregisterCpuKernels(): void {
  swap.restore();
}
