import { beforeAll, describe, expect, it } from 'vitest';
import { expectNoNewTensors, initBackend } from '../tensor/index.js';
import { InputError } from '../errors.js';
import { mlp3 } from '../sim/models/mlp3.js';
import type { RepresentationInferenceResult } from '../sim/attacks/representationInference.js';
import { classMeanRepresentations } from './classMeanRepresentations.js';
import { representationCor } from './representationCor.js';
import { runTable1 } from './runTable1.js';
import type { Table1ConfigInput } from './table1Config.js';
import type { DataConfig } from './configSchema.js';

const synthetic: DataConfig = { dataset: 'synthetic', kind: 'blobs', trainSize: 400, testSize: 50, shape: [6, 6, 1], numClasses: 10, noise: 0.3 };
const tiny = (split: 'noniid' | 'iid'): Table1ConfigInput => ({
  seed: 1, data: synthetic, model: { hidden: [32, 16] }, split, numClients: 6, clientsPerRound: 3,
  samplesPerClass: 10, rounds: 1, localEpochs: 1, batchSize: 'full',
});

describe('classMeanRepresentations', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('averages the representation per class (at fc1 the representation is the image)', () => {
    // Arrange: 3 images of 2 pixels, classes [1, 0, 1]
    const model = mlp3({ inputShape: [1, 2, 1], hidden: [3, 3], representationLayer: 'fc1' });
    const params = model.init(0);
    // Act
    const means = classMeanRepresentations(model, params, [0.2, 0.4, 0.9, 0.1, 0.6, 0.8], [1, 0, 1]);
    Object.values(params).forEach((t) => t.dispose());
    // Assert
    expect([...means.keys()]).toEqual([0, 1]);
    expect([...(means.get(0) as Float64Array)].map((v) => Number(v.toFixed(6)))).toEqual([0.9, 0.1]);
    expect([...(means.get(1) as Float64Array)].map((v) => Number(v.toFixed(6)))).toEqual([0.4, 0.6]);
    expect(() => classMeanRepresentations(model, params, [0.1], [0])).toThrow(RangeError);
  });
});

describe('representationCor', () => {
  it('scores every true class at every walked layer; a class without inference gets null', () => {
    const inference: RepresentationInferenceResult = {
      layers: ['fc2', 'fc1'], classNorms: [3, 0.1, 2], detected: [0, 2], rule: { kind: 'topK', k: 2 },
      classes: [0, 2].map((label) => ({
        label, detected: true,
        layers: [
          { layer: 'fc2', representation: Float64Array.from([1, 2, 3]), units: [label], unitNorms: [1], scale: 'bias' as const },
          { layer: 'fc1', representation: Float64Array.from([1, 0]), units: [0], unitNorms: [1], scale: 'bias' as const },
        ],
      })),
    };
    const truth = new Map([
      ['fc2', new Map([[0, Float64Array.from([2, 4, 6])], [1, Float64Array.from([1, 1, 2])]])],
      ['fc1', new Map([[0, Float64Array.from([0, 1])]])],
    ]);
    const r = representationCor(inference, truth);
    expect(r.entries).toEqual([
      { label: 0, layer: 'fc2', detected: true, cor: 1 },
      { label: 0, layer: 'fc1', detected: true, cor: -1 },
      { label: 1, layer: 'fc2', detected: false, cor: null },
    ]);
    expect(r.meanCor).toEqual({ fc2: 1, fc1: -1 });
  });
});

describe('runTable1', () => {
  beforeAll(async () => {
    await initBackend('cpu');
  });

  it('E=1, full batch, non-IID: cor near 1 at FC3; the IID control is lower; no tensor leaks', () => {
    // Act
    const noniid = expectNoNewTensors(() => runTable1(tiny('noniid')));
    const iid = runTable1(tiny('iid'));
    // Assert
    const fc3 = noniid.layers.fc3;
    expect(fc3.n).toBe(6); // 3 clients × 2 classes
    expect(fc3.meanCor).toBeGreaterThan(0.95);
    expect(noniid.detectionExact).toBe(1);
    expect(iid.layers.fc3.meanCor).toBeLessThan((fc3.meanCor as number) - 0.2);
    expect(noniid.clients.every((c) => c.round === 1 && c.classes.length === 2)).toBe(true);
    expect(JSON.parse(JSON.stringify(noniid))).toEqual(noniid);
    expect(noniid.provenance.seed).toBe(1);
  });

  it('rejects bad configs with one line naming the field', () => {
    expect(() => runTable1({ ...tiny('noniid'), analyseRounds: [2] })).toThrow(/analyseRounds/);
    expect(() => runTable1({ ...tiny('noniid'), batchSize: 0 })).toThrow(InputError);
    expect(() => runTable1({ ...tiny('noniid'), clientsPerRound: 7 })).toThrow(/clientsPerRound/);
  });
});
