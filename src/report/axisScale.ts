/**
 * Axis scales and tick marks for the static SVG figures (figureSvg.ts).
 *
 * A linear axis spans "nice" tick bounds (steps of 1, 2 or 5 × 10^k); a log axis spans whole
 * decades with a tick per decade (plus 2× and 5× ticks when it spans at most two decades).
 * Values a scale cannot place (non-finite; ≤ 0 on a log axis) are reported by `accepts`.
 */

/** One tick: data value and its label. */
export interface AxisTick {
  readonly value: number;
  readonly label: string;
}

/** A data → pixel map with its ticks. */
export interface AxisScale {
  /** Whether the value can be drawn (finite, and > 0 on a log axis). */
  readonly accepts: (value: number) => boolean;
  /** Pixel position of an accepted value. */
  readonly toPx: (value: number) => number;
  readonly ticks: readonly AxisTick[];
}

/** Short tick label: plain for 1e-4 ≤ |v| < 1e5, exponential otherwise. */
export function tickLabel(value: number): string {
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(6));
  const abs = Math.abs(rounded);
  return abs >= 1e-4 && abs < 1e5 ? String(rounded) : rounded.toExponential();
}

function linearTicks(lo: number, hi: number): number[] {
  const raw = (hi - lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  return Array.from({ length: last - first + 1 }, (_, i) => (first + i) * step);
}

function logTicks(lo: number, hi: number): number[] {
  const first = Math.floor(Math.log10(lo));
  const last = Math.max(Math.ceil(Math.log10(hi)), first + 1);
  const multiples = last - first <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) {
    for (const m of multiples) if (k < last || m === 1) ticks.push(m * 10 ** k);
  }
  return ticks;
}

/**
 * Scale of the accepted `values` onto pixels `[pxFrom, pxTo]` (pxTo may be < pxFrom, as for y).
 * With no accepted value the axis spans [0, 1] (linear) or [1, 10] (log); a single value is padded.
 */
export function axisScale(values: readonly number[], log: boolean, pxFrom: number, pxTo: number): AxisScale {
  const accepts = (v: number): boolean => Number.isFinite(v) && (!log || v > 0);
  const kept = values.filter(accepts);
  let lo = kept.length > 0 ? kept.reduce((a, b) => Math.min(a, b)) : log ? 1 : 0;
  let hi = kept.length > 0 ? kept.reduce((a, b) => Math.max(a, b)) : log ? 10 : 1;
  if (lo === hi) [lo, hi] = log ? [lo / 2, hi * 2] : [lo - (Math.abs(lo) || 1) / 2, hi + (Math.abs(hi) || 1) / 2];
  const tickValues = log ? logTicks(lo, hi) : linearTicks(lo, hi);
  const t = log ? Math.log10 : (v: number): number => v;
  const d0 = t(tickValues[0]);
  const d1 = t(tickValues[tickValues.length - 1]);
  const toPx = (v: number): number => pxFrom + ((t(v) - d0) / (d1 - d0)) * (pxTo - pxFrom);
  return { accepts, toPx, ticks: tickValues.map((value) => ({ value, label: tickLabel(value) })) };
}
