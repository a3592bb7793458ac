import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseConfig } from './configIssue.js';
import { trainConfigSchema } from './configSchema.js';
import { PRESETS } from './presets.js';

const valid = structuredClone(PRESETS['mnist-fedavgcnn-noniid']) as unknown as Record<string, Record<string, unknown>>;
const withChange = (mutate: (c: Record<string, Record<string, unknown>>) => void): unknown => {
  const c = structuredClone(valid);
  mutate(c);
  return c;
};

/** The one-line message parseConfig throws for `input`. */
function messageFor(input: unknown): string {
  try {
    parseConfig(trainConfigSchema, input, 'cfg.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as Error).message;
  }
  throw new Error('expected an InputError');
}

describe('parseConfig', () => {
  it('accepts a preset and fills defaults', () => {
    // Arrange
    const { defense: _d, eval: _e, ...minimal } = valid;
    // Act
    const c = parseConfig(trainConfigSchema, minimal, 'x');
    // Assert
    expect(c.defense).toEqual({ kind: 'none' });
    expect(c.eval).toEqual({ every: 1, batchSize: 500 });
  });

  it.each([
    ['an unknown top-level key, listing the allowed keys', (c: Record<string, Record<string, unknown>>) => { c.extra = {}; }, /^cfg\.json: \(root\): unknown key 'extra' \(expected only seed\|model\|data\|partition\|fl\|defense\|eval\)$/],
    ['an unknown nested key inside a union member', (c: Record<string, Record<string, unknown>>) => { c.model.depth = 3; }, /^cfg\.json: model: unknown key 'depth' \(expected only kind\|inputShape\|numClasses\|representationLayer\)$/],
    ['an unknown discriminator', (c: Record<string, Record<string, unknown>>) => { c.defense = { kind: 'soterya' }; }, /^cfg\.json: defense\.kind: unknown kind \(got 'soterya', expected one of none\|soteria\|gradientPruning\|dpNoise\|compose\)$/],
    ['a bad enum value', (c: Record<string, Record<string, unknown>>) => { c.fl.sampling = 'eq14'; }, /^cfg\.json: fl\.sampling: invalid value \(got 'eq14', expected one of uniform\|schemeI\|eq13\)$/],
    ['a number out of range', (c: Record<string, Record<string, unknown>>) => { c.defense = { kind: 'gradientPruning', percent: 140 }; }, /^cfg\.json: defense\.percent: out of range \(got 140, expected <= 100\)$/],
    ['a non-integer count', (c: Record<string, Record<string, unknown>>) => { c.fl.batchSize = 3.5; }, /^cfg\.json: fl\.batchSize: wrong type \(got 3\.5, expected an integer\)$/],
    ['a missing field', (c: Record<string, Record<string, unknown>>) => { delete c.fl.localEpochs; }, /^cfg\.json: fl\.localEpochs: missing \(got nothing, expected number\)$/],
    ['a wrong type', (c: Record<string, Record<string, unknown>>) => { c.seed = '1' as unknown as Record<string, unknown>; }, /^cfg\.json: seed: wrong type \(got '1', expected number\)$/],
    ['a nested compose member', (c: Record<string, Record<string, unknown>>) => { c.defense = { kind: 'compose', defenses: [{ kind: 'none' }, { kind: 'dpNoise', noise: { distribution: 'cauchy' } }] }; }, /^cfg\.json: defense\.defenses\[1\]\.noise\.distribution: unknown distribution \(got 'cauchy', expected one of gaussian\|laplace\)$/],
  ])('names %s in one line', (_what, mutate, pattern) => {
    // Arrange
    const input = withChange(mutate);
    // Act
    const message = messageFor(input);
    // Assert
    expect(message).not.toContain('\n');
    expect(message).toMatch(pattern);
  });
});
