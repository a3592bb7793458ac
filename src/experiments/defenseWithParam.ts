/**
 * How `soteria-lab attack --defense SPEC --param X` combine (the strength is given exactly once):
 * - `--defense soteria:40` (or `none`, or JSON): that defense; `--param` is then an error.
 * - `--defense soteria --param 40` (a bare kind: soteria | gc | dp-gaussian | dp-laplace): the
 *   kind with strength X (percent for soteria/gc, std for dp-gaussian, scale b for dp-laplace).
 * - `--param 40` alone: sets the strength of the config's (or preset's) own defense; an error
 *   when that defense has no single strength (none, compose).
 */
import { InputError } from '../errors.js';
import { parseDefenseOption } from './defenseShorthand.js';

const BARE_KINDS = ['soteria', 'gc', 'dp-gaussian', 'dp-laplace'] as const;

/** The config's defense with its strength set to `x` (unvalidated plain data). */
function withStrength(defense: unknown, x: number): unknown {
  const d = (typeof defense === 'object' && defense !== null ? defense : { kind: 'none' }) as Record<string, unknown>;
  const noise = d.noise as Record<string, unknown> | undefined;
  if (d.kind === 'soteria' || d.kind === 'gradientPruning') return { ...d, percent: x };
  if (d.kind === 'dpNoise' && noise?.distribution === 'gaussian') return { ...d, noise: { ...noise, std: x } };
  if (d.kind === 'dpNoise' && noise?.distribution === 'laplace') return { ...d, noise: { ...noise, scale: x } };
  throw new InputError(`--param: the config's defense has no strength to set (got defense kind ${JSON.stringify(d.kind)}, expected --defense ${BARE_KINDS.join('|')} with --param, or a config whose defense is soteria, gradientPruning or dpNoise)`);
}

/**
 * The defense override that `--defense` and `--param` describe.
 * @param spec - `--defense` text, if given.
 * @param param - `--param` value, if given.
 * @param configDefense - the defense of the raw config (used when only `--param` is given).
 * @returns the new (unvalidated) defense, or undefined to keep the config's.
 * @throws InputError for a bare kind without --param, or a strength given twice.
 */
export function defenseWithParam(spec: string | undefined, param: number | undefined, configDefense: unknown): unknown {
  if (spec === undefined) return param === undefined ? undefined : withStrength(configDefense, param);
  const text = spec.trim();
  if ((BARE_KINDS as readonly string[]).includes(text)) {
    if (param === undefined) throw new InputError(`--defense: '${text}' needs a strength (got no --param, expected ${text}:X or --defense ${text} --param X)`);
    return parseDefenseOption(`${text}:${param}`);
  }
  const parsed = parseDefenseOption(spec);
  if (param !== undefined) throw new InputError(`--param: --defense '${spec}' already fixes the defense (got --param ${param} too, expected a bare kind such as --defense soteria --param ${param}, or no --param)`);
  return parsed;
}
