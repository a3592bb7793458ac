/** Public barrel of the tensor layer — the only layer that touches tfjs. */
export { tf } from './tf.js';
export { initBackend, parseBackendName, BACKEND_NAMES } from './backend.js';
export type { BackendName, BackendInfo } from './backend.js';
export { setPatches, patchState, ALL_PATCHES } from './patches.js';
export type { PatchState } from './patches.js';
export {
  paramNames, mapParams, disposeParams, cloneParams, paramCount, paramShapes, assertSameLayout,
  paramsDigest, paramsToJson, paramsFromJson,
} from './paramMap.js';
export type { ParamMap } from './paramMap.js';
export { readFloat32, toFloat64, toNumbers, toScalar, fromFloat64 } from './convert.js';
export { makeRng, deriveSeed, shuffled } from './rng.js';
export type { Rng, StreamKey } from './rng.js';
export { uniform, gaussian, laplace, gamma, dirichlet, categorical, bernoulli } from './samplers.js';
export { randomNormalTensor, randomUniformTensor, randomLaplaceTensor } from './randomTensor.js';
export { softCrossEntropy, hardCrossEntropy, l2Penalty } from './losses.js';
export { maxPool2d, conv2dPt, dense, batchNormEval } from './ops.js';
export { conv2dFilterGradPt, conv2dInputGradPt, polyphaseFilterPt } from './convGradsPt.js';
export type { PoolMode } from './ops.js';
export { retainedVjp } from './kernels/retainedVjp.js';
export type { RetainedVjp } from './kernels/retainedVjp.js';
export { TOL, FD_STEP_FLOAT64, FD_STEP_FLOAT64_OBJECTIVE } from './tolerances.js';
export { expectNoNewTensors, liveTensors, maxRelativeError } from './testing.js';
