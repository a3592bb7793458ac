/**
 * The plotly spec of a figure: `Plotly.newPlot(el, spec.data, spec.layout, PLOTLY_CONFIG)`.
 * The figure's title is the block's heading, not part of the plot. Trace colours match the static SVG (traceColor.ts); dashed traces are `line.dash = 'dash'`.
 */
import type { FigureBlock } from './schema.js';
import { traceColor } from './traceColor.js';

/** A plotly figure as plain JSON (the subset this renderer uses). */
export interface PlotlyFigureSpec {
  readonly data: readonly Readonly<Record<string, unknown>>[];
  readonly layout: Readonly<Record<string, unknown>>;
}

/**
 * plotly reads strings as pseudo-HTML (`<b>`, `<a href>`, `&lt;` …); escaping `& < >` makes it show
 * the document's text literally.
 */
const plotlyText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The config passed to every `Plotly.newPlot` call. */
export const PLOTLY_CONFIG = { responsive: true, displaylogo: false } as const;

/** The plotly data and layout of `figure`, all its text escaped for plotly (non-finite values become JSON null: a gap). */
export function plotlyFigure(figure: FigureBlock): PlotlyFigureSpec {
  const data = figure.traces.map((trace, i) => ({
    type: 'scatter',
    name: plotlyText(trace.name),
    x: trace.x,
    y: trace.y,
    mode: trace.mode ?? 'lines+markers',
    ...(trace.text !== undefined ? { text: trace.text.map(plotlyText) } : {}),
    line: { color: traceColor(i), width: 2, dash: trace.dash === true ? 'dash' : 'solid' },
    marker: { color: traceColor(i), size: 6 },
  }));
  const axis = (label: string, log: boolean | undefined): Record<string, unknown> => ({
    title: { text: plotlyText(label) },
    type: log === true ? 'log' : 'linear',
    zeroline: false,
  });
  const layout = {
    xaxis: axis(figure.xLabel, figure.xLog),
    yaxis: axis(figure.yLabel, figure.yLog),
    hovermode: 'closest',
    margin: { l: 72, r: 24, t: 32, b: 56 },
    height: 420,
    font: { family: 'sans-serif' },
  };
  return { data, layout };
}
