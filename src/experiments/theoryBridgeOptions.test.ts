import { describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { parseInputShape, resolveBridgeOptions } from './theoryBridgeOptions.js';

describe('bridge options', () => {
  it('fills the defaults of the brief: 32×32×3, 2 samples, p ∈ {10, 40} %', () => {
    // Act
    const o = resolveBridgeOptions({});
    // Assert
    expect(o.inputShape).toEqual([32, 32, 3]);
    expect(o.samples).toBe(2);
    expect(o.pruneRates).toEqual([10, 40]);
    expect(o.seed).toBe(0);
  });

  it('parses HxWxC and rejects malformed or unaffordable shapes with InputError', () => {
    // Act / Assert
    expect(parseInputShape('16x16x1')).toEqual([16, 16, 1]);
    expect(parseInputShape(' 32X32X3 ')).toEqual([32, 32, 3]);
    for (const bad of ['16x16', 'axbxc', '16x16x1x1', '0x16x1', '5x5x1', '64x64x3']) {
      expect(() => parseInputShape(bad), bad).toThrow(InputError);
    }
  });

  it('rejects out-of-range samples, pruning rates and radii', () => {
    // Act / Assert
    expect(() => resolveBridgeOptions({ samples: 0 })).toThrow(/bridge.samples/);
    expect(() => resolveBridgeOptions({ pruneRates: [100] })).toThrow(/bridge.pruneRates/);
    expect(() => resolveBridgeOptions({ pruneRates: [] })).toThrow(/bridge.pruneRates/);
    expect(() => resolveBridgeOptions({ tightRadius: 0 })).toThrow(/bridge.tightRadius/);
    expect(() => resolveBridgeOptions({ seed: -1 })).toThrow(/bridge.seed/);
  });
});
