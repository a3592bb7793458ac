/** Public barrel of the simulator: data, models, federated learning, defenses and attacks. */
export * from './data/index.js';
export * from './models/index.js';
export type * from './types.js';
export { parameterGradients, dlgObjective, dlgValueAndGrads, targetGradients } from './attacks/dlgObjective.js';
export type { DlgEvaluation } from './attacks/dlgObjective.js';
export * from './metrics/index.js';
