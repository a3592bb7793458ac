/**
 * Canonical JSON (object keys sorted at every level, no whitespace), so that equal configs
 * always serialise, and therefore hash, the same way whatever order their keys were written in.
 */

/**
 * Serialises plain data canonically.
 * @param value - null, booleans, finite numbers, strings, arrays and plain objects; object
 *   entries whose value is `undefined` are left out, as `JSON.stringify` does.
 * @returns the canonical JSON text.
 * @throws Error for non-finite numbers and values JSON cannot represent faithfully
 *   (functions, symbols, bigints, class instances such as Date or typed arrays).
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`canonicalJson: non-finite number at ${path} (got ${value}, expected a finite number)`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((item, i) => write(item ?? null, `${path}[${i}]`)).join(',')}]`;
  if (isPlainObject(value)) {
    const entries = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${write(value[key], `${path}.${key}`)}`);
    return `{${entries.join(',')}}`;
  }
  throw new Error(`canonicalJson: unsupported value at ${path} (got ${describe(value)}, expected plain JSON data)`);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}
