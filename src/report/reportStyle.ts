/**
 * The report's stylesheet (inlined; system fonts only, so the page fetches nothing).
 */

/** CSS of the report page. */
export const REPORT_CSS = `
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #222; max-width: 1120px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; }
h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 1.5rem 0 0.5rem; }
.subtitle, .meta, .caption { color: #555; }
.caption { font-size: 0.9rem; max-width: 60rem; }
nav#toc { background: #f6f6f6; border: 1px solid #ddd; padding: 0.5rem 1.5rem; }
nav#toc ol { margin: 0.2rem 0; }
details.config pre, .mono { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
details.config pre { background: #f6f6f6; padding: 0.6rem; overflow: auto; max-height: 24rem; }
.static-figure svg { max-width: 100%; height: auto; }
.plot { width: 100%; }
table { border-collapse: collapse; margin: 0.3rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.6rem; text-align: left; vertical-align: top; max-width: 28rem; overflow-wrap: anywhere; }
td:not(.num) { min-width: 5rem; }
thead th { background: #f0f0f0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; overflow-wrap: normal; }
table.kv { margin-bottom: 1rem; }
table.kv caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
td.mono { word-break: break-all; }
.table-wrap { overflow-x: auto; }
.gallery-row { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0.6rem; margin: 0.4rem 0; }
.gallery-label { width: 9rem; font-weight: 600; padding-top: 1.5rem; }
.gallery figure { margin: 0; width: 96px; text-align: center; }
.gallery img { width: 84px; height: auto; image-rendering: pixelated; border: 1px solid #ccc; }
.gallery figcaption { font-size: 0.72rem; color: #444; }
`;
