/**
 * The defenses folder's entry point: `makeDefense(cfg)` builds any defense of the
 * `DefenseConfig` union (Soteria, arXiv 2012.06043, §6.1: Soteria, GC, DP-Gaussian, DP-Laplace).
 */
import { cloneParams } from '../../tensor/index.js';
import { InputError } from '../../errors.js';
import { compose } from './compose.js';
import { dpNoise } from './dpNoise.js';
import { gradientPruning } from './gradientPruning.js';
import { soteria } from './soteria.js';
import type { Defense, DefenseConfig } from './types.js';

function assertNever(x: never): never {
  const kind = (x as { kind?: unknown } | undefined)?.kind;
  throw new InputError(`makeDefense: unknown defense kind (got ${JSON.stringify(kind)}, expected one of none, soteria, gradientPruning, dpNoise, compose)`);
}

/**
 * Build the defense a config names (exhaustive over `DefenseConfig['kind']`). Config values are
 * validated here (InputError); model-dependent checks happen in `apply`.
 * @param cfg - e.g. `{ kind: 'soteria', percent: 40 }`; unset options take their `@default`s.
 */
export function makeDefense(cfg: DefenseConfig): Defense {
  switch (cfg.kind) {
    case 'none':
      return { config: cfg, description: 'no defense', apply: (grads) => ({ grads: cloneParams(grads), stats: {} }) };
    case 'soteria':
      return soteria(cfg);
    case 'gradientPruning':
      return gradientPruning(cfg);
    case 'dpNoise':
      return dpNoise(cfg);
    case 'compose':
      if (!Array.isArray(cfg.defenses)) throw new InputError(`compose.defenses: must be a list of defense configs (got ${JSON.stringify(cfg.defenses)})`);
      return compose(cfg, cfg.defenses.map(makeDefense));
    default:
      return assertNever(cfg);
  }
}

export type {
  ClipConfig, Defense, DefenseConfig, DefenseContext, DefenseResult, DefenseStats, NoiseConfig,
  SoteriaGranularity, SoteriaRule, SoteriaScore,
} from './types.js';
export { soteria } from './soteria.js';
export { gradientPruning } from './gradientPruning.js';
export { dpNoise } from './dpNoise.js';
export { compose } from './compose.js';
export { jacobianRowNorms } from './jacobianRowNorms.js';
export { jacobianRowNormsLoop } from './jacobianRowNormsLoop.js';
export { planJacobianPasses, DEFAULT_JACOBIAN_BYTES } from './planJacobianPasses.js';
export type { JacobianPlan } from './planJacobianPasses.js';
export { soteriaScores } from './soteriaScores.js';
export { percentileMask, exactPruneCount } from './percentileMask.js';
export { numpyPercentile } from './numpyPercentile.js';
