import { InputError } from '../../errors.js';

/**
 * Validate a defense rate given in percent (user config, so a bad value is an `InputError`).
 * @param where - e.g. 'soteria.percent'.
 * @param p - the rate; accepted: finite, 0 ≤ p ≤ 100.
 */
export function checkPercent(where: string, p: unknown): number {
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100) {
    throw new InputError(`${where}: rate must be a percentage (got ${String(p)}, expected a number in [0, 100])`);
  }
  return p;
}
