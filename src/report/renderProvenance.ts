/**
 * The provenance part at the end of the report: command, backend, node, time, seeds, then
 * package versions, config hashes and run times as key/value tables.
 */
import { escapeHtml } from './escapeHtml.js';
import type { ReportProvenance } from './schema.js';

function keyValueTable(caption: string, entries: readonly (readonly [string, string])[], cls = ''): string {
  const rows = entries.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td${cls}>${escapeHtml(v)}</td></tr>`);
  return `<table class="kv"><caption>${escapeHtml(caption)}</caption><tbody>${rows.join('')}</tbody></table>`;
}

const sortedEntries = <T>(record: Readonly<Record<string, T>>): [string, T][] =>
  Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** HTML of the provenance section (anchor id `provenance`). */
export function renderProvenance(p: ReportProvenance): string {
  const run: [string, string][] = [
    ['command', p.command],
    ['backend', p.backend],
    ['node', p.node],
    ['created', p.createdAt],
    ['seeds', p.seeds.join(', ')],
  ];
  const seconds = sortedEntries(p.runSeconds).map(([k, v]): [string, string] => [k, `${Number(v.toPrecision(4))} s`]);
  return [
    '<section id="provenance"><h2>Provenance</h2>',
    keyValueTable('Run', run, ' class="mono"'),
    keyValueTable('Package versions', sortedEntries(p.packages)),
    keyValueTable('Config hashes (sha256)', sortedEntries(p.configHashes), ' class="mono"'),
    keyValueTable('Run time per section', seconds, ' class="num"'),
    '</section>',
  ].join('');
}
