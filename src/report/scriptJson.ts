/**
 * JSON that can be embedded verbatim inside an HTML `<script>` element.
 */

const UNSAFE: Readonly<Record<string, string>> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * `JSON.stringify(value)` with `< > &` and U+2028/U+2029 written as `\uXXXX` escapes, so the text
 * can neither close the script element (`</script`), open an HTML comment (`<!--`) nor break an
 * older JavaScript parser; `JSON.parse` of the result equals `JSON.parse(JSON.stringify(value))`.
 * These characters can only occur inside JSON strings, where the escapes are valid.
 * Non-finite numbers become `null` (JSON has no NaN/Infinity; plotly draws a gap there).
 */
export function scriptJson(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.replace(/[<>&\u2028\u2029]/g, (c) => UNSAFE[c]);
}
