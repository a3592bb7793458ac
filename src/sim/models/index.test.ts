import { beforeAll, describe, expect, it } from 'vitest';
import { tf, initBackend, paramShapes, disposeParams } from '../../tensor/index.js';
import type { ModelConfig } from '../types.js';
import { makeModel, trainableParamNames } from './index.js';
import { defineModel } from './defineModel.js';
import { denseSpecs } from './layerSpecs.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('makeModel', () => {
  it('builds each kind with the name, shapes and defended layer its config asks for', () => {
    // Arrange
    const cfgs: [ModelConfig, string, string][] = [
      [{ kind: 'lenetDlg' }, 'lenetDlg', 'fc'],
      [{ kind: 'convNet', width: 2 }, 'convNet', 'fc'],
      [{ kind: 'mlp3', representationLayer: 'fc2' }, 'mlp3', 'fc2'],
      [{ kind: 'logReg' }, 'logReg', 'fc'],
      [{ kind: 'fedAvgCnn' }, 'fedAvgCnn', 'fc2'],
    ];
    for (const [cfg, name, layer] of cfgs) {
      // Act
      const model = makeModel(cfg);
      const p = model.init(0);
      // Assert: names and shapes of init() follow the specs; r feeds `${layer}.weight`
      expect(model.name).toBe(name);
      expect(model.representationLayer).toBe(layer);
      expect(paramShapes(p)).toEqual(Object.fromEntries(model.params.map((s) => [s.name, [...s.shape]])));
      expect(paramShapes(p)[`${layer}.weight`][0]).toBe(model.representationSize);
      disposeParams(p);
    }
  });

  it('rejects unknown kinds and bad common options with InputError', () => {
    // Arrange / Act / Assert
    expect(() => makeModel({ kind: 'resnet' } as unknown as ModelConfig)).toThrow(/unknown model kind \(got "resnet"/);
    expect(() => makeModel({ kind: 'lenetDlg', inputShape: [32, 0, 3] })).toThrow(/inputShape\[1\]/);
    expect(() => makeModel({ kind: 'lenetDlg', numClasses: 2.5 })).toThrow(/numClasses/);
  });
});

describe('trainableParamNames', () => {
  it('lists every parameter except BN running statistics, in forward order', () => {
    // Arrange
    const model = makeModel({ kind: 'convNet', width: 1 });
    // Act
    const names = trainableParamNames(model);
    // Assert
    expect(names[0]).toBe('conv0.weight');
    expect(names[names.length - 1]).toBe('fc.bias');
    expect(names.some((n) => n.includes('running'))).toBe(false);
    expect(names.length).toBe(8 * 4 + 2);
  });
});

describe('defineModel', () => {
  it('rejects a defended layer whose input size is not representationSize, and missing parameters at apply', () => {
    // Arrange
    const forward = (): never => { throw new Error('not called'); };
    const def = { name: 't', inputShape: [2, 2, 1] as const, numClasses: 2, params: denseSpecs('fc', 4, 2), representationLayer: 'fc', forward };
    const model = defineModel({ ...def, representationSize: 4 });
    const x = tf.zeros([1, 2, 2, 1]) as tf.Tensor4D;
    // Act / Assert
    expect(() => defineModel({ ...def, representationSize: 3 })).toThrow(/representation layer 'fc'/);
    expect(() => model.apply({}, x)).toThrow(/missing parameter 'fc.weight'/);
    x.dispose();
  });
});
