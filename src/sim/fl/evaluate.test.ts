import { beforeAll, describe, expect, it } from 'vitest';
import { disposeParams, expectNoNewTensors, initBackend, TOL } from '../../tensor/index.js';
import { makeSyntheticDataset } from '../data/synthetic.js';
import { makeModel } from '../models/index.js';
import { evaluate } from './evaluate.js';

beforeAll(async () => {
  await initBackend('cpu');
});

describe('evaluate', () => {
  it('zero logistic regression: accuracy = share of class 0 (argMax tie → first), loss = ln C', () => {
    // Arrange
    const ds = makeSyntheticDataset({ seed: 4, n: 37, shape: [4, 4, 1], numClasses: 3, kind: 'noise' });
    const model = makeModel({ kind: 'logReg', init: 'zeros', inputShape: [4, 4, 1], numClasses: 3 });
    const params = model.init(0);
    // Act
    const r = expectNoNewTensors(() => evaluate(model, params, ds, { batchSize: 10 }));
    // Assert
    const share0 = ds.labels.filter((l) => l === 0).length / 37;
    expect(r.n).toBe(37);
    expect(r.accuracy).toBeCloseTo(share0, 12);
    expect(Math.abs(r.loss - Math.log(3)) / Math.log(3)).toBeLessThan(TOL.float32);
    disposeParams(params);
  });

  it('does not depend on the batch size', () => {
    // Arrange
    const ds = makeSyntheticDataset({ seed: 5, n: 23, shape: [4, 4, 1], numClasses: 4, kind: 'blobs' });
    const model = makeModel({ kind: 'logReg', init: 'uniform', inputShape: [4, 4, 1], numClasses: 4 });
    const params = model.init(3);
    // Act
    const a = evaluate(model, params, ds, { batchSize: 1 });
    const b = evaluate(model, params, ds, { batchSize: 500 });
    // Assert
    expect(a.accuracy).toBe(b.accuracy);
    expect(Math.abs(a.loss - b.loss) / b.loss).toBeLessThan(TOL.float32);
    disposeParams(params);
  });
});
