/**
 * Public API of the report layer (style.md R5: renders `schema.ts` documents, imports only
 * report/**; R6: named exports only).
 */
export {
  REPORT_SCHEMA,
  type FigureBlock,
  type FigureTrace,
  type GalleryBlock,
  type GalleryImage,
  type ReportBlock,
  type ReportDocument,
  type ReportProvenance,
  type ReportSection,
  type TableBlock,
  type TextBlock,
} from './schema.js';
export { renderHtml, REPORT_CSP, type RenderHtmlOptions } from './renderHtml.js';
export { validateReport } from './validateReport.js';
export { figureSvg, type FigureSvgOptions } from './figureSvg.js';
export { plotlyFigure, PLOTLY_CONFIG, type PlotlyFigureSpec } from './plotlyFigure.js';
export { checkReportInBrowser, type BrowserCheckOptions, type BrowserCheckResult } from './browserCheck.js';
export { findChromium } from './findChromium.js';
export { escapeHtml } from './escapeHtml.js';
