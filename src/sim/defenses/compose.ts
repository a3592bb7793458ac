/**
 * Several defenses in sequence: the output gradients of defense k are the input of defense k+1
 * (e.g. Soteria then DP noise). Defense k sees `ctx.rng.fork('compose', k)`, so each stage has
 * its own random stream; intermediate gradients are disposed. Stats are prefixed `k.name`.
 */
import { cloneParams, tf } from '../../tensor/index.js';
import type { ParamMap } from '../../tensor/index.js';
import type { Defense, DefenseConfig, DefenseResult, DefenseStats } from './types.js';

/** Compose built defenses (`makeDefense` builds the parts). */
export function compose(cfg: Extract<DefenseConfig, { kind: 'compose' }>, parts: readonly Defense[]): Defense {
  const description = parts.length === 0 ? 'no defense (empty composition)' : parts.map((d, k) => `(${k + 1}) ${d.description}`).join(' then ');
  const apply = (grads: ParamMap, ctx: Parameters<Defense['apply']>[1]): DefenseResult => {
    let current = grads;
    const stats: Record<string, number | string | boolean> = {};
    parts.forEach((d, k) => {
      const r = d.apply(current, { ...ctx, rng: ctx.rng.fork('compose', k) });
      if (current !== grads) tf.dispose(Object.values(current));
      current = r.grads;
      for (const [key, v] of Object.entries(r.stats)) stats[`${k}.${key}`] = v;
    });
    return { grads: current === grads ? cloneParams(grads) : current, stats: stats as DefenseStats };
  };
  return { config: cfg, description, apply };
}
