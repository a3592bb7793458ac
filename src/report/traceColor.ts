/**
 * Trace colours shared by the plotly figure and its static SVG, so both look the same.
 */

/** plotly's default colorway (plotly.js `src/components/color/attributes.js`). */
const COLORWAY: readonly string[] = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd',
  '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
];

/** Colour of the `index`-th trace of a figure (cycles through plotly's ten default colours). */
export function traceColor(index: number): string {
  if (!Number.isInteger(index) || index < 0) {
    throw new RangeError(`traceColor: index must be a non-negative integer (got ${index}, expected 0, 1, 2, …)`);
  }
  return COLORWAY[index % COLORWAY.length];
}
