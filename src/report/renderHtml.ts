/**
 * Renders a report document to ONE self-contained HTML file (issue 6): plotly.js inlined once,
 * figures as JSON specs drawn by `Plotly.newPlot`, a static SVG per figure until (or unless)
 * plotly draws it, images as the document's PNG data URIs, a table of contents, each section's
 * config and seed, the provenance last. A Content-Security-Policy forbids every request that is
 * not a data: URI, so the page works offline and an accidental external reference is an error.
 */
import { BOOT_SCRIPT } from './bootScript.js';
import { escapeHtml } from './escapeHtml.js';
import { PLOTLY_CONFIG, plotlyFigure } from './plotlyFigure.js';
import { readPlotlySource } from './plotlySource.js';
import { renderBlock } from './renderBlock.js';
import { renderProvenance } from './renderProvenance.js';
import { REPORT_CSS } from './reportStyle.js';
import type { FigureBlock, ReportDocument, ReportSection } from './schema.js';
import { scriptJson } from './scriptJson.js';
import { validateReport } from './validateReport.js';

/** Options of {@link renderHtml}. */
export interface RenderHtmlOptions {
  /**
   * JavaScript inlined as plotly.js; '' inlines none (the page then shows the static figures).
   * @default the source of plotly.js-dist-min from node_modules
   */
  readonly plotlySource?: string;
}

/** The page's Content-Security-Policy: inline script/style, data: images and fonts, nothing else. */
export const REPORT_CSP =
  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'";

const href = (id: string): string => `#${escapeHtml(encodeURIComponent(id))}`;

function tocHtml(doc: ReportDocument): string {
  const items = doc.sections.map((s) => {
    const sub = s.blocks.flatMap((b) => (b.kind === 'text' ? [] : [`<li><a href="${href(b.id)}">${escapeHtml(b.title)}</a></li>`]));
    const subList = sub.length > 0 ? `<ol>${sub.join('')}</ol>` : '';
    return `<li><a href="${href(s.id)}">${escapeHtml(s.title)}</a>${subList}</li>`;
  });
  items.push('<li><a href="#provenance">Provenance</a></li>');
  return `<nav id="toc"><h2>Contents</h2><ol>${items.join('')}</ol></nav>`;
}

function sectionHtml(section: ReportSection, firstFigure: number): string {
  let figure = firstFigure;
  const blocks = section.blocks.map((b) => renderBlock(b, b.kind === 'figure' ? figure++ : -1));
  const config = JSON.stringify(section.config, null, 2) ?? 'null';
  return [
    `<section id="${escapeHtml(section.id)}"><h2>${escapeHtml(section.title)}</h2>`,
    `<p class="meta">Seed <code>${escapeHtml(String(section.seed))}</code></p>`,
    `<details class="config"><summary>Config</summary><pre>${escapeHtml(config)}</pre></details>`,
    ...blocks,
    '</section>',
  ].join('');
}

function figuresJson(doc: ReportDocument): string {
  const figures = doc.sections.flatMap((s) => s.blocks.filter((b): b is FigureBlock => b.kind === 'figure'));
  return scriptJson({ config: PLOTLY_CONFIG, figures: figures.map(plotlyFigure) });
}

/** `source` if it can sit inside a `<script>` element unchanged; throws otherwise. */
function inlineScript(source: string): string {
  if (/<\/?script/i.test(source)) throw new Error("renderHtml: plotlySource contains '<script' or '</script' (got a script that would end its element early, expected plain JavaScript)");
  return `<script>${source}</script>`;
}

/**
 * The complete HTML page of `doc` (UTF-8). Throws an `Error` naming the problem when the document
 * is invalid (see validateReport.ts).
 */
export function renderHtml(doc: ReportDocument, options: RenderHtmlOptions = {}): string {
  validateReport(doc);
  const plotly = options.plotlySource ?? readPlotlySource();
  let figure = 0;
  const sections = doc.sections.map((s) => {
    const html = sectionHtml(s, figure);
    figure += s.blocks.filter((b) => b.kind === 'figure').length;
    return html;
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(doc.title)}</title><style>${REPORT_CSS}</style></head><body>`,
    `<header><h1>${escapeHtml(doc.title)}</h1><p class="subtitle">Preset <code>${escapeHtml(doc.preset)}</code> · created ${escapeHtml(doc.provenance.createdAt)} · <code>${escapeHtml(doc.schema)}</code></p></header>`,
    tocHtml(doc),
    '<main>',
    ...sections,
    renderProvenance(doc.provenance),
    '</main>',
    `<script type="application/json" id="report-figures">${figuresJson(doc)}</script>`,
    plotly === '' ? '' : inlineScript(plotly),
    `<script>${BOOT_SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
