/**
 * Turns the first zod issue of a config into ONE line that names the field path, what was
 * given and what is accepted, e.g.
 * `config: fl.sampling: invalid value (got 'foo', expected one of uniform|schemeI|eq13)`.
 */
import type { z } from 'zod';
import { InputError } from '../errors.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Internal definition fields of the zod 4 schema kinds we walk. */
interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly getter?: () => z.ZodType;
  readonly items?: readonly z.ZodType[];
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function valueAt(input: unknown, path: Path): unknown {
  let v = input;
  for (const key of path) v = typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** The object schema (if any) found by following `path` through `schema` for this `input`. */
function schemaAt(schema: z.ZodType, path: Path, input: unknown): z.ZodType | undefined {
  const def = defOf(schema);
  if (['optional', 'default', 'nullable', 'readonly', 'nonoptional'].includes(def.type) && def.innerType) return schemaAt(def.innerType, path, input);
  if (def.type === 'lazy' && def.getter) return schemaAt(def.getter(), path, input);
  if (def.type === 'union' && def.options) {
    const key = def.discriminator;
    const value = key === undefined ? undefined : (input as Record<string, unknown> | undefined)?.[key];
    const option = def.options.find((o) => defOf(o).shape?.[key ?? '']?.safeParse(value).success);
    return option === undefined ? undefined : schemaAt(option, path, input);
  }
  if (path.length === 0) return schema;
  const [head, ...rest] = path;
  const child = valueAt(input, [head]);
  if (def.type === 'object' && def.shape && typeof head === 'string' && def.shape[head]) return schemaAt(def.shape[head], rest, child);
  if (def.type === 'array' && def.element) return schemaAt(def.element, rest, child);
  if (def.type === 'tuple' && def.items && typeof head === 'number' && def.items[head]) return schemaAt(def.items[head], rest, child);
  return undefined;
}

const show = (v: unknown): string => (v === undefined ? 'nothing' : typeof v === 'string' ? `'${v}'` : JSON.stringify(v) ?? String(v));
const pathText = (path: Path): string => path.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('') || '(root)';

function describeIssue(issue: Issue, input: unknown, schema: z.ZodType): { at: Path; what: string; expected: string } {
  const got = valueAt(input, issue.path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = Object.keys(defOf(schemaAt(schema, issue.path, valueAt(input, [])) ?? schema).shape ?? {});
      return { at: issue.path, what: `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`, expected: `only ${known.join('|')}` };
    }
    case 'invalid_union':
      if ('options' in issue && Array.isArray(issue.options)) return { at: issue.path, what: `unknown ${String(issue.path[issue.path.length - 1] ?? 'kind')} (got ${show(got)}`, expected: `one of ${issue.options.map(String).join('|')}` };
      return { at: issue.path, what: `matches no accepted form (got ${show(got)}`, expected: issue.message };
    case 'invalid_value':
      return { at: issue.path, what: `invalid value (got ${show(got)}`, expected: `one of ${issue.values.map(String).join('|')}` };
    case 'invalid_type':
      return { at: issue.path, what: `${got === undefined ? 'missing' : 'wrong type'} (got ${show(got)}`, expected: issue.expected === 'int' ? 'an integer' : `${issue.expected}` };
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const op = issue.code === 'too_small' ? (issue.inclusive ? '>=' : '>') : (issue.inclusive ? '<=' : '<');
      const unit = issue.origin === 'array' ? 'length ' : issue.origin === 'string' ? 'length ' : '';
      return { at: issue.path, what: `out of range (got ${show(got)}`, expected: `${unit}${op} ${String(bound)}` };
    }
    default:
      return { at: issue.path, what: `${issue.message} (got ${show(got)}`, expected: 'see the config documentation' };
  }
}

/**
 * Validate `input` against `schema`.
 * @param schema - a zod schema.
 * @param input - parsed JSON.
 * @param where - message prefix naming the source, e.g. `--config run.json` or `preset quick`.
 * @returns the parsed value.
 * @throws InputError with one line for the first issue.
 */
export function parseConfig<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const d = describeIssue(issue, input, schema);
  const head = d.what.includes('(got') ? `${d.what}, expected ${d.expected})` : `${d.what} (expected ${d.expected})`;
  throw new InputError(`${where}: ${pathText(d.at)}: ${head}`);
}
