import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, makeRng, uniform } from '../../tensor/index.js';
import { lenetDlg } from '../models/lenetDlg.js';
import { mlp3 } from '../models/mlp3.js';
import { idlg } from './idlg.js';
import { lastLayer } from './lastLayer.js';
import { disposeCase, makeClientCase, wireInput } from './attackTestKit.js';

describe('idlg', () => {
  const model = lenetDlg({ inputShape: [8, 8, 1] });
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('reads the class from the column of the [in, out] weight gradient', () => {
    // Arrange
    const c = makeClientCase(model, 11, uniform(makeRng(11, 'test', 'image'), 64), 8);
    // Act
    const r = idlg(wireInput(c), { nonNegativeFeatures: true });
    disposeCase(c);
    // Assert
    expect(r.columnSums).toHaveLength(10);
    expect(r.columnSums.filter((s) => s < 0)).toHaveLength(1);
    expect(r.label).toBe(8);
    expect(r.assumptionsHold).toBe(true);
  });

  it('does not claim its assumptions when feature signs are not declared or the batch is not 1', () => {
    const c = makeClientCase(model, 12, uniform(makeRng(12, 'test', 'image'), 64), 3);
    const undeclared = idlg(wireInput(c));
    const batch2 = idlg({ ...wireInput(c), knowledge: { batchSize: 2 } }, { nonNegativeFeatures: true });
    disposeCase(c);
    expect(undeclared.assumptionsHold).toBe(false);
    expect(undeclared.reason).toMatch(/non-negative/);
    expect(batch2.assumptionsHold).toBe(false);
    expect(batch2.reason).toMatch(/batch size 2/);
  });

  it('uses the logits layer, not the defended one', () => {
    expect(lastLayer(mlp3({ inputShape: [2, 2, 1], representationLayer: 'fc1' }))).toBe('fc3');
  });
});
