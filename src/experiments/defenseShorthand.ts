/**
 * The `--defense` option of `soteria-lab train`: a JSON `DefenseConfig`, or a shorthand for the
 * paper's five comparison runs (Soteria arXiv 2012.06043 §6.1, Table 2):
 *   none | soteria:P | gc:P | dp-gaussian:STD | dp-laplace:SCALE
 * (P in percent; STD the Gaussian standard deviation; SCALE the Laplace scale b, variance 2b²).
 */
import { InputError } from '../errors.js';

const ACCEPTED = "none, soteria:P, gc:P, dp-gaussian:STD, dp-laplace:SCALE (P in percent) or a JSON DefenseConfig such as '{\"kind\":\"soteria\",\"percent\":40,\"rule\":\"exact\"}'";

/**
 * Parse a `--defense` value into an (unvalidated) defense config.
 * @param raw - the option text.
 * @returns plain data for the config schema to validate.
 * @throws InputError for unknown shorthands, bad numbers or bad JSON.
 */
export function parseDefenseOption(raw: string): unknown {
  const text = raw.trim();
  if (text.startsWith('{')) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new InputError(`--defense: not valid JSON (got '${raw}': ${(error as Error).message}, expected ${ACCEPTED})`);
    }
  }
  if (text === 'none') return { kind: 'none' };
  const m = /^([a-z-]+):(.+)$/.exec(text);
  const value = m === null || m[2].trim() === '' ? Number.NaN : Number(m[2]);
  if (m !== null && !Number.isFinite(value)) throw new InputError(`--defense: not a number after '${m[1]}:' (got '${m[2]}', expected e.g. ${m[1]}:40 or ${m[1]}:0.01)`);
  switch (m?.[1]) {
    case 'soteria': return { kind: 'soteria', percent: value };
    case 'gc': return { kind: 'gradientPruning', percent: value };
    case 'dp-gaussian': return { kind: 'dpNoise', noise: { distribution: 'gaussian', std: value } };
    case 'dp-laplace': return { kind: 'dpNoise', noise: { distribution: 'laplace', scale: value } };
    default: throw new InputError(`--defense: unknown defense (got '${raw}', expected ${ACCEPTED})`);
  }
}
