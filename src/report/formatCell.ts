/**
 * Display text of a table cell: integers and strings as given, other numbers to six significant
 * digits (the full value stays in the cell's title), null as an em dash.
 */

/** Display text and, when it was shortened, the full value of a cell. */
export interface CellText {
  readonly text: string;
  readonly full?: string;
}

/** Formats one table cell (see file comment). */
export function formatCell(value: string | number | null): CellText {
  if (value === null) return { text: '—' };
  if (typeof value === 'string') return { text: value };
  if (!Number.isFinite(value) || Number.isInteger(value)) return { text: String(value) };
  const short = String(Number(value.toPrecision(6)));
  return short === String(value) ? { text: short } : { text: short, full: String(value) };
}
