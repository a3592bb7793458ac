import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoNewTensors, gaussian, initBackend, makeRng, uniform } from '../../tensor/index.js';
import { InputError } from '../../errors.js';
import { mse } from '../metrics/mse.js';
import { mlp3 } from '../models/mlp3.js';
import { disposeCase, makeClientCase, wireInput } from './attackTestKit.js';
import { repMatching } from './repMatching.js';

describe('repMatching (Rep attack, Soteria Fig. 3)', () => {
  // r at fc2's input = relu(fc1(x)): 48 features of a 25-pixel image, reached by the FC walk.
  const model = mlp3({ inputShape: [5, 5, 1], hidden: [48, 16], representationLayer: 'fc2' });
  const shape = [1, 5, 5, 1] as [number, number, number, number];
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('reconstructs the image from the inferred representation far better than the init (most seeds)', () => {
    // Arrange: five prespecified cases (L-BFGS attacks are seed-sensitive, so no single run decides)
    const ratios = [21, 22, 23, 24, 25].map((s) => {
      const pixels = uniform(makeRng(s, 'test', 'image'), 25);
      const c = makeClientCase(model, s, pixels, 4);
      const truth = { data: Float32Array.from(pixels), shape };
      const seen: number[] = [];
      // Act
      const res = expectNoNewTensors(() => repMatching(wireInput(c), { seed: 3, steps: 40, onIterate: (i) => seen.push(i) }));
      disposeCase(c);
      // Assert (per case): bookkeeping, and the label is the inferred class
      expect(res.diverged).toBe(false);
      expect(res.labels).toEqual([4]);
      expect(res.history).toHaveLength(41);
      expect(seen).toEqual(res.history.map((h) => h.iteration));
      expect(res.history[40].loss).toBeLessThanOrEqual(res.history[0].loss);
      const init = mse({ data: Float32Array.from(gaussian(makeRng(3, 'repMatching', 'init'), 25)), shape }, truth, 'pixels01').value;
      return mse(res.reconstruction, truth, 'pixels01').value / init;
    });
    // Assert: at least 3 of 5 end below a third of the init MSE
    expect(ratios.filter((r) => r < 1 / 3).length).toBeGreaterThanOrEqual(3);
  });

  it('the cosine distance is scale-invariant: it lowers the loss too', () => {
    const c = makeClientCase(model, 22, uniform(makeRng(22, 'test', 'image'), 25), 1);
    const res = repMatching(wireInput(c), { seed: 4, steps: 10, distance: 'cosine' });
    disposeCase(c);
    expect(res.history[10].loss).toBeLessThan(res.history[0].loss);
    expect(res.history.every((h) => h.loss >= 0 && h.loss <= 2)).toBe(true);
  });

  it('rejects batches other than 1, bad options, and a representation layer the walk does not reach', () => {
    const c = makeClientCase(model, 23, uniform(makeRng(23, 'test', 'image'), 25), 0);
    const input = wireInput(c);
    expect(() => repMatching({ ...input, knowledge: { batchSize: 2 } }, { seed: 0 })).toThrow(/batchSize/);
    expect(() => repMatching(input, { seed: 0, steps: -1 })).toThrow(InputError);
    expect(() => repMatching(input, { seed: 0, steps: 1, inference: { maxLayers: 1 } })).toThrow(/'fc2' is not among/);
    disposeCase(c);
  });
});
