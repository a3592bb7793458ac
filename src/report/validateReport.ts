/**
 * Entry validation of a report document: the renderer refuses documents it could not render
 * faithfully or offline (wrong schema tag, clashing anchors, ragged tables or traces, images
 * that are not PNG data URIs).
 */
import { REPORT_SCHEMA, type ReportBlock, type ReportDocument } from './schema.js';

/** Anchor ids the page itself uses. */
export const RESERVED_IDS: readonly string[] = ['toc', 'provenance', 'report-figures'];

const PNG_DATA_URI = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

function fail(where: string, what: string, got: unknown, expected: string): never {
  throw new Error(`renderHtml: ${where}: ${what} (got ${JSON.stringify(got)}, expected ${expected})`);
}

function checkBlock(block: ReportBlock, where: string): void {
  switch (block.kind) {
    case 'figure':
      block.traces.forEach((t, i) => {
        if (t.x.length !== t.y.length) fail(`${where} trace ${i}`, 'x and y differ in length', [t.x.length, t.y.length], 'equal lengths');
        if (t.text !== undefined && t.text.length !== t.x.length) fail(`${where} trace ${i}`, 'text length differs from x', t.text.length, `${t.x.length}`);
      });
      return;
    case 'table':
      block.rows.forEach((row, i) => {
        if (row.length !== block.columns.length) fail(`${where} row ${i}`, 'wrong number of cells', row.length, `${block.columns.length} (one per column)`);
      });
      return;
    case 'gallery':
      for (const row of block.rows) {
        for (const image of row.images) {
          if (!PNG_DATA_URI.test(image.src)) fail(`${where} image '${image.label}'`, 'src is not a PNG data URI', image.src.slice(0, 40), "'data:image/png;base64,…'");
        }
      }
      return;
    case 'text':
      return;
    default:
      fail(where, 'unknown block kind', (block as { kind: unknown }).kind, "'figure', 'table', 'gallery' or 'text'");
  }
}

/** Throws an `Error` naming the first problem of `doc`; returns normally when it can be rendered. */
export function validateReport(doc: ReportDocument): void {
  if (doc.schema !== REPORT_SCHEMA) fail('document', 'unknown schema', doc.schema, `'${REPORT_SCHEMA}'`);
  const seen = new Set<string>(RESERVED_IDS);
  const claim = (id: string, where: string): void => {
    if (!/^[^\s]+$/.test(id)) fail(where, 'id must be non-empty without whitespace', id, 'e.g. "fig5-mnist"');
    if (seen.has(id)) fail(where, 'duplicate or reserved id', id, `an id unique in the document and none of ${RESERVED_IDS.join(', ')}`);
    seen.add(id);
  };
  for (const section of doc.sections) {
    claim(section.id, `section '${section.id}'`);
    if (!Number.isFinite(section.seed)) fail(`section '${section.id}'`, 'seed is not a finite number', section.seed, 'an integer');
    for (const block of section.blocks) {
      const where = `section '${section.id}' block '${'id' in block ? block.id : block.kind}'`;
      if ('id' in block) claim(block.id, where);
      checkBlock(block, where);
    }
  }
}
