/** Public barrel of the simulator: data, models, federated learning, defenses and attacks. */
export * from './data/index.js';
export * from './models/index.js';
export type * from './types.js';
export * from './attacks/index.js';
export * from './metrics/index.js';
