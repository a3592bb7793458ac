/**
 * The plotly.js bundle that every report inlines once (plotly.js-dist-min, see package.json).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Source text of plotly.js-dist-min's `plotly.min.js`, read from node_modules. */
export function readPlotlySource(): string {
  const path = createRequire(import.meta.url).resolve('plotly.js-dist-min');
  return readFileSync(path, 'utf8');
}
