import { afterEach, describe, expect, it } from 'vitest';
import { analyticLayers, setAnalyticAttackPath } from './analyticPath.js';
import { convNet, fedAvgCnn, lenetDlg, logReg, mlp3 } from '../models/index.js';

describe('analyticLayers (which closures take the hand-derived double backprop)', () => {
  afterEach(() => setAnalyticAttackPath(true));

  it('gives the DLG LeNet its conv/sigmoid/flatten/dense layers', () => {
    // Arrange
    const model = lenetDlg({ inputShape: [32, 32, 3] });
    // Act
    const layers = analyticLayers(model);
    // Assert: 4 × (conv, sigmoid), flatten, fc; strides 2, 2, 1, 1 as in DLG's LeNet
    expect(layers?.map((l) => l.kind)).toEqual(['conv', 'sigmoid', 'conv', 'sigmoid', 'conv', 'sigmoid', 'conv', 'sigmoid', 'flatten', 'dense']);
    expect(layers?.flatMap((l) => (l.kind === 'conv' ? [l.stride] : []))).toEqual([2, 2, 1, 1]);
  });

  it('leaves every model without declared layers (ReLU, pooling, batch norm) on the tape path', () => {
    // Arrange
    const others = [convNet({ width: 2 }), mlp3({ hidden: [4, 4] }), logReg(), fedAvgCnn()];
    // Act / Assert
    for (const m of others) expect(analyticLayers(m)).toBeUndefined();
  });

  it('is switched off by setAnalyticAttackPath(false) and back on', () => {
    // Arrange
    const model = lenetDlg();
    // Act
    const before = setAnalyticAttackPath(false);
    const off = analyticLayers(model);
    setAnalyticAttackPath(before);
    // Assert
    expect(before).toBe(true);
    expect(off).toBeUndefined();
    expect(analyticLayers(model)).toBeDefined();
  });
});
