import { describe, expect, it } from 'vitest';
import { sequentialForward, sequentialLayersOf } from './sequentialLayers.js';
import { lenetDlg } from './lenetDlg.js';
import { convNet } from './convNet.js';

describe('sequentialLayers', () => {
  it('lenetDlg declares one conv/dense layer per weight/bias pair of its parameters', () => {
    // Arrange
    const model = lenetDlg({ inputShape: [16, 16, 1], numClasses: 4 });
    // Act
    const layers = sequentialLayersOf(model) ?? [];
    // Assert
    const named = layers.flatMap((l) => (l.kind === 'conv' || l.kind === 'dense' ? [`${l.name}.weight`, `${l.name}.bias`] : []));
    expect(named.sort()).toEqual(model.params.map((p) => p.name).sort());
  });

  it('is absent on models that do not declare layers', () => {
    expect(sequentialLayersOf(convNet({ width: 2 }))).toBeUndefined();
  });

  it('rejects a sequence that does not end in a dense layer or lacks the representation layer', () => {
    expect(() => sequentialForward([{ kind: 'flatten' }], 'fc')).toThrow(/last layer must be dense/);
    expect(() => sequentialForward([{ kind: 'flatten' }, { kind: 'dense', name: 'out' }], 'fc')).toThrow(/no dense layer 'fc'/);
  });
});
