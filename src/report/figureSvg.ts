/**
 * The static fallback of a figure: the same traces as the plotly figure, drawn as one inline SVG
 * (frame, ticks and grid, axis labels, log axes, legend, dashed traces, markers). The title is
 * the block's heading; the SVG carries it only as its accessible `<title>`.
 *
 * Points that an axis cannot place are skipped: NaN and ±Infinity on any axis, and values ≤ 0 on a
 * log axis. A line breaks at a skipped point (as plotly does at a null), it is not bridged.
 */
import { axisScale, type AxisScale } from './axisScale.js';
import { escapeHtml } from './escapeHtml.js';
import type { FigureBlock, FigureTrace } from './schema.js';
import { traceColor } from './traceColor.js';

/** Size of the SVG in CSS pixels (the renderer scales it to the page width). */
export interface FigureSvgOptions {
  /** @default 720 */
  readonly width?: number;
  /** @default 420 */
  readonly height?: number;
}

interface Box {
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

const LEGEND_WIDTH = 170;
const f = (v: number): string => v.toFixed(1);

function axesSvg(box: Box, x: AxisScale, y: AxisScale): string {
  const parts = [`<rect x="${f(box.left)}" y="${f(box.top)}" width="${f(box.right - box.left)}" height="${f(box.bottom - box.top)}" fill="none" stroke="#444"/>`];
  for (const t of x.ticks) {
    const px = f(x.toPx(t.value));
    parts.push(`<line x1="${px}" x2="${px}" y1="${f(box.top)}" y2="${f(box.bottom)}" stroke="#e5e5e5"/>`);
    parts.push(`<line x1="${px}" x2="${px}" y1="${f(box.bottom)}" y2="${f(box.bottom + 5)}" stroke="#444"/>`);
    parts.push(`<text x="${px}" y="${f(box.bottom + 18)}" text-anchor="middle">${escapeHtml(t.label)}</text>`);
  }
  for (const t of y.ticks) {
    const py = f(y.toPx(t.value));
    parts.push(`<line x1="${f(box.left)}" x2="${f(box.right)}" y1="${py}" y2="${py}" stroke="#e5e5e5"/>`);
    parts.push(`<line x1="${f(box.left - 5)}" x2="${f(box.left)}" y1="${py}" y2="${py}" stroke="#444"/>`);
    parts.push(`<text x="${f(box.left - 8)}" y="${py}" text-anchor="end" dominant-baseline="middle">${escapeHtml(t.label)}</text>`);
  }
  return `<g class="axes" font-size="11" fill="#444">${parts.join('')}</g>`;
}

function traceSvg(trace: FigureTrace, index: number, x: AxisScale, y: AxisScale): string {
  const mode = trace.mode ?? 'lines+markers';
  const color = traceColor(index);
  const runs: string[][] = [[]];
  const markers: string[] = [];
  const n = Math.min(trace.x.length, trace.y.length);
  for (let i = 0; i < n; i++) {
    const [xv, yv] = [trace.x[i], trace.y[i]];
    if (!x.accepts(xv) || !y.accepts(yv)) {
      if (runs[runs.length - 1].length > 0) runs.push([]);
      continue;
    }
    const [px, py] = [f(x.toPx(xv)), f(y.toPx(yv))];
    runs[runs.length - 1].push(`${px} ${py}`);
    markers.push(`<circle cx="${px}" cy="${py}" r="3"/>`);
  }
  const d = runs.filter((r) => r.length > 0).map((r) => `M${r.join('L')}`).join('');
  const dash = trace.dash === true ? ' stroke-dasharray="6 4"' : '';
  const line = mode !== 'markers' && d !== '' ? `<path d="${d}" fill="none" stroke="${color}" stroke-width="2"${dash}/>` : '';
  const dots = mode !== 'lines' ? `<g class="markers" fill="${color}">${markers.join('')}</g>` : '';
  return `<g class="trace" data-trace="${index}">${line}${dots}</g>`;
}

function legendSvg(traces: readonly FigureTrace[], left: number, top: number): string {
  const items = traces.map((t, i) => {
    const y = top + 8 + i * 18;
    const dash = t.dash === true ? ' stroke-dasharray="6 4"' : '';
    const sample = `<line x1="${f(left)}" x2="${f(left + 24)}" y1="${f(y)}" y2="${f(y)}" stroke="${traceColor(i)}" stroke-width="2"${dash}/>`;
    return `${sample}<text x="${f(left + 30)}" y="${f(y)}" dominant-baseline="middle">${escapeHtml(t.name)}</text>`;
  });
  return `<g class="legend" font-size="11" fill="#222">${items.join('')}</g>`;
}

/** Static SVG of `figure` (a complete `<svg>` element, all document text escaped). */
export function figureSvg(figure: FigureBlock, options: FigureSvgOptions = {}): string {
  const width = options.width ?? 720;
  const height = options.height ?? 420;
  if (!(width > LEGEND_WIDTH + 150 && height > 200)) {
    throw new RangeError(`figureSvg: size too small (got ${width}×${height}, expected width > ${LEGEND_WIDTH + 150} and height > 200)`);
  }
  const box: Box = { left: 72, right: width - LEGEND_WIDTH, top: 20, bottom: height - 56 };
  const x = axisScale(figure.traces.flatMap((t) => t.x), figure.xLog === true, box.left, box.right);
  const y = axisScale(figure.traces.flatMap((t) => t.y), figure.yLog === true, box.bottom, box.top);
  const title = escapeHtml(figure.title);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="figure-svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${title}" font-family="sans-serif">`,
    `<title>${title}</title>`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    axesSvg(box, x, y),
    `<text x="${f((box.left + box.right) / 2)}" y="${f(height - 14)}" text-anchor="middle" font-size="12" fill="#222">${escapeHtml(figure.xLabel)}</text>`,
    `<text transform="translate(16 ${f((box.top + box.bottom) / 2)}) rotate(-90)" text-anchor="middle" font-size="12" fill="#222">${escapeHtml(figure.yLabel)}</text>`,
    ...figure.traces.map((t, i) => traceSvg(t, i, x, y)),
    legendSvg(figure.traces, box.right + 16, box.top),
    '</svg>',
  ].join('');
}
