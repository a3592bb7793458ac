import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseDefenseOption } from './defenseShorthand.js';

describe('parseDefenseOption', () => {
  it.each([
    ['none', { kind: 'none' }],
    ['soteria:40', { kind: 'soteria', percent: 40 }],
    ['gc:40', { kind: 'gradientPruning', percent: 40 }],
    ['dp-gaussian:0.01', { kind: 'dpNoise', noise: { distribution: 'gaussian', std: 0.01 } }],
    ['dp-laplace:1e-2', { kind: 'dpNoise', noise: { distribution: 'laplace', scale: 0.01 } }],
    ['{"kind":"soteria","percent":60,"rule":"exact"}', { kind: 'soteria', percent: 60, rule: 'exact' }],
  ])('%s', (raw, expected) => {
    // Arrange / Act / Assert
    expect(parseDefenseOption(raw)).toEqual(expected);
  });

  it.each([
    ['soterya:40', /unknown defense \(got 'soterya:40', expected none, soteria:P/],
    ['gc:abc', /not a number after 'gc:' \(got 'abc'/],
    ['gc:', /unknown defense|not a number/],
    ['{"kind":', /not valid JSON/],
  ])('rejects %s', (raw, pattern) => {
    // Arrange / Act / Assert
    expect(() => parseDefenseOption(raw)).toThrow(InputError);
    expect(() => parseDefenseOption(raw)).toThrow(pattern);
  });
});
