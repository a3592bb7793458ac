import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../errors.js';
import { resolveTrainConfig } from './resolveTrainConfig.js';

const dir = mkdtempSync(join(tmpdir(), 'soteria-cfg-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};
const tiny = {
  seed: 4,
  model: { kind: 'logReg' },
  data: { dataset: 'synthetic', kind: 'blobs', trainSize: 60, testSize: 20, shape: [6, 6, 1], numClasses: 3 },
  partition: { kind: 'iid' },
  fl: { numClients: 3, clientsPerRound: 2, rounds: 2, localEpochs: 1, batchSize: 8, lr: { kind: 'constant', eta: 0.3 } },
};

describe('resolveTrainConfig', () => {
  it('reads a config file and fills the derived fields', () => {
    // Arrange
    const path = file('tiny.json', JSON.stringify(tiny));
    // Act
    const r = resolveTrainConfig({ configFile: path });
    // Assert
    expect(r.name).toBe('tiny');
    expect(r.config.model).toEqual({ kind: 'logReg', inputShape: [6, 6, 1], numClasses: 3 });
    expect(r.config.partition).toEqual({ kind: 'iid', numClients: 3, seed: 4 });
    expect(r.config.data).toMatchObject({ seed: 4 });
    expect(r.config.fl).toMatchObject({ l2: 0, sampling: 'uniform' });
  });

  it('applies overrides (rounds, seed, defense, data dir) before validating them', () => {
    // Arrange
    const path = file('o.json', JSON.stringify(tiny));
    // Act
    const r = resolveTrainConfig({ configFile: path, overrides: { rounds: 9, seed: 11, defense: { kind: 'gradientPruning', percent: 40 } } });
    // Assert
    expect(r.config.fl.rounds).toBe(9);
    expect(r.config.seed).toBe(11);
    expect(r.config.partition.seed).toBe(11);
    expect(r.config.defense).toEqual({ kind: 'gradientPruning', percent: 40 });
    expect(() => resolveTrainConfig({ configFile: path, overrides: { defense: { kind: 'gradientPruning', percent: -1 } } })).toThrow(/defense\.percent: out of range \(got -1, expected >= 0\)/);
    expect(resolveTrainConfig({ preset: 'mnist-fedavgcnn-noniid', overrides: { dataDir: '/x' } }).config.data).toMatchObject({ dataDir: '/x' });
  });

  it.each([
    [{}, /exactly one of --preset and --config \(got neither/],
    [{ preset: 'quick', configFile: 'x.json' }, /got both/],
    [{ preset: 'quik' }, /--preset: unknown preset \(got 'quik', expected one of quick\|mnist-fedavgcnn-noniid\|/],
    [{ configFile: '/nonexistent/c.json' }, /--config: cannot read \/nonexistent\/c\.json \(got ENOENT/],
  ])('rejects %j with a one-line InputError', (options, pattern) => {
    // Arrange / Act / Assert
    expect(() => resolveTrainConfig(options)).toThrow(InputError);
    expect(() => resolveTrainConfig(options)).toThrow(pattern);
  });

  it('rejects bad JSON and inconsistent fields, naming them', () => {
    // Arrange
    const bad = file('bad.json', '{"seed": 1,');
    const shape = file('shape.json', JSON.stringify({ ...tiny, model: { kind: 'logReg', inputShape: [28, 28, 1] } }));
    const clients = file('clients.json', JSON.stringify({ ...tiny, partition: { kind: 'iid', numClients: 5 } }));
    const k = file('k.json', JSON.stringify({ ...tiny, fl: { ...tiny.fl, clientsPerRound: 4 } }));
    // Act / Assert
    expect(() => resolveTrainConfig({ configFile: bad })).toThrow(/bad\.json is not valid JSON/);
    expect(() => resolveTrainConfig({ configFile: shape })).toThrow(/model\.inputShape: does not match the data \(got \[28, 28, 1\], expected \[6, 6, 1\]/);
    expect(() => resolveTrainConfig({ configFile: clients })).toThrow(/partition\.numClients: differs from fl\.numClients \(got 5, expected 3/);
    expect(() => resolveTrainConfig({ configFile: k })).toThrow(/fl\.clientsPerRound: too large .* \(got 4, expected <= fl\.numClients = 3\)/);
    const ok = file('k13.json', JSON.stringify({ ...tiny, fl: { ...tiny.fl, clientsPerRound: 4, sampling: 'schemeI' } }));
    expect(resolveTrainConfig({ configFile: ok }).config.fl.clientsPerRound).toBe(4);
  });

  it('pads MNIST to 32x32 for LeNet when asked', () => {
    // Arrange / Act
    const r = resolveTrainConfig({ preset: 'mnist-fedavgcnn-noniid', overrides: {} });
    const path = file('lenet.json', JSON.stringify({ ...tiny, model: { kind: 'lenetDlg' }, data: { dataset: 'mnist', pad28to32: true } }));
    // Assert
    expect(r.config.model.inputShape).toEqual([28, 28, 1]);
    expect(resolveTrainConfig({ configFile: path }).config.model.inputShape).toEqual([32, 32, 1]);
  });
});
