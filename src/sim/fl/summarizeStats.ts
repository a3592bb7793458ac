/**
 * Per-round summary of the defense statistics of many local steps: numbers are averaged with
 * weights (e.g. steps), strings and booleans keep the last value seen.
 */
import type { DefenseStats } from '../defenses/types.js';

/**
 * Weighted summary of defense statistics.
 * @param items - statistics with their weights (e.g. one per step with weight 1, or one per
 *   device with its number of steps).
 * @returns mean of every numeric key over the items that have it; last value of other keys.
 */
export function summarizeStats(items: readonly { readonly stats: DefenseStats; readonly weight: number }[]): DefenseStats {
  const sums = new Map<string, { s: number; w: number }>();
  const other: Record<string, string | boolean> = {};
  for (const { stats, weight } of items) {
    for (const [key, value] of Object.entries(stats)) {
      if (typeof value === 'number') {
        const acc = sums.get(key) ?? { s: 0, w: 0 };
        sums.set(key, { s: acc.s + value * weight, w: acc.w + weight });
      } else {
        other[key] = value;
      }
    }
  }
  const out: Record<string, number | string | boolean> = { ...other };
  for (const [key, { s, w }] of sums) out[key] = w > 0 ? s / w : 0;
  return out;
}
