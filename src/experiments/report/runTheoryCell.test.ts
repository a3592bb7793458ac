import { describe, expect, it } from 'vitest';
import { runTheorem2Cell } from './runTheoryCell.js';

describe('runTheorem2Cell', () => {
  it('plots the check\'s own runs: the curves end where the verdict\'s families end', () => {
    // Arrange: a tiny synthetic problem (seconds)
    const spec = { kind: 'theorem2' as const, config: { devices: 4, samplesPerDevice: 10, d: 4, C: 3, rounds: 20, checkpoints: 4, variants: [], variantSeeds: 1, unbalanced: false }, seedCount: 2, seed: 0 };
    // Act
    const { report, curves } = runTheorem2Cell(spec);
    // Assert
    const family = (prefix: string) => report.families.find((f) => f.name.startsWith(prefix));
    const envelope = family('envelope/')?.stats as { finalMean: number; finalRhsClosed: number; finalRhsEmpirical: number };
    const control = family('control/eps0/')?.stats as { finalMean: number };
    expect(curves.T).toHaveLength(curves.defended.length);
    expect(curves.defended.at(-1)).toBe(envelope.finalMean);
    expect(curves.envelopeClosed.at(-1)).toBe(envelope.finalRhsClosed);
    expect(curves.envelopeEmpirical.at(-1)).toBe(envelope.finalRhsEmpirical);
    expect(curves.undefended.at(-1)).toBe(control.finalMean);
    expect(curves.undefended.at(-1)).toBeLessThan(curves.defended.at(-1) as number);
  });
});
