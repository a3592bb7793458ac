/** Public barrel of the metrics: plain typed arrays in, plain records out (no tensors). */
export type * from './types.js';
export { mse } from './mse.js';
export { psnr } from './psnr.js';
export { ssim, SSIM_VARIANT } from './ssim.js';
export { gaussianWindow } from './gaussianWindow.js';
export { filterValid } from './filterValid.js';
export { featureMse } from './featureMse.js';
export { labelAccuracy } from './labelAccuracy.js';
export { correlation } from './correlation.js';
export { hungarian } from './hungarian.js';
export { matchReconstructions } from './matchReconstructions.js';
export type { MatchMetric, MatchOptions, MatchedPair, MatchResult } from './matchReconstructions.js';
export { runningMin } from './runningMin.js';
export type { RunningMinResult } from './runningMin.js';
export { imageAt } from './validateImages.js';
