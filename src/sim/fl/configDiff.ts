/**
 * Paths at which two plain-JSON values differ, to name a config mismatch in one line
 * (e.g. `fl.localEpochs: 2 vs 1`).
 */

/**
 * Differences between `a` and `b`.
 * @param a - plain JSON data.
 * @param b - plain JSON data.
 * @param prefix - path of `a`/`b` themselves. @default ''
 * @returns one entry per differing leaf, `path: <a> vs <b>` (JSON values), in key order.
 */
export function configDiff(a: unknown, b: unknown, prefix = ''): string[] {
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObj(a) && isObj(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => configDiff(a[k], b[k], prefix === '' ? k : `${prefix}.${k}`));
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.flatMap((v, i) => configDiff(v, b[i], `${prefix}[${i}]`));
  }
  const ja = JSON.stringify(a) ?? 'undefined';
  const jb = JSON.stringify(b) ?? 'undefined';
  return ja === jb ? [] : [`${prefix === '' ? '(root)' : prefix}: ${ja} vs ${jb}`];
}
