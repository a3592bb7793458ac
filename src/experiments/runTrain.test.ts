import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, liveTensors } from '../tensor/index.js';
import { resolveTrainConfig } from './resolveTrainConfig.js';
import { runIdentity, runTrain } from './runTrain.js';
import type { TrainConfig } from './configSchema.js';

const dir = mkdtempSync(join(tmpdir(), 'soteria-train-'));
beforeAll(async () => {
  await initBackend('cpu');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A tiny synthetic run (seconds on CPU). */
function tinyConfig(rounds: number, defense?: unknown): TrainConfig {
  const { config } = resolveTrainConfig({ preset: 'quick', overrides: { rounds, defense } });
  return {
    ...config,
    model: { kind: 'logReg', init: 'uniform', inputShape: [8, 8, 1], numClasses: 4 },
    data: { dataset: 'synthetic', kind: 'blobs', trainSize: 120, testSize: 40, shape: [8, 8, 1], numClasses: 4, seed: 0 },
    partition: { kind: 'iid', numClients: 6, seed: 0 },
    fl: { ...config.fl, numClients: 6, clientsPerRound: 3, batchSize: 8, lr: { kind: 'constant', eta: 0.5 } },
  };
}
const base = { backend: 'cpu', argv: ['train', '--config', 'tiny.json'], log: () => undefined } as const;

describe('runTrain', () => {
  it('returns the --json result, writes result.json, and leaks nothing', async () => {
    // Arrange
    const outDir = join(dir, 'a');
    const before = liveTensors();
    // Act
    const r = await runTrain({ ...base, config: tinyConfig(3, { kind: 'gradientPruning', percent: 40 }), outDir });
    // Assert
    expect(r.rounds).toBe(3);
    expect(r.accuracy).toBeGreaterThan(0.5);
    expect(r.paramsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(r.defense.config).toEqual({ kind: 'gradientPruning', percent: 40 });
    expect(r.defense.description).toMatch(/GC|prun/i);
    expect(r.backend.name).toBe('cpu');
    expect(r.seed).toBe(r.config.seed);
    expect(r.provenance.configHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.msPerRound).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(outDir, 'result.json'), 'utf8'))).toEqual(r);
    expect(liveTensors()).toBe(before);
  });

  it('run 4 rounds = run 2 rounds + resume with --rounds 4 (same paramsDigest)', async () => {
    // Arrange
    const straight = join(dir, 'straight');
    const split = join(dir, 'split');
    // Act
    const full = await runTrain({ ...base, config: tinyConfig(4), outDir: straight });
    const half = await runTrain({ ...base, config: tinyConfig(2), outDir: split });
    const resumed = await runTrain({ ...base, config: tinyConfig(4), outDir: split, resume: true });
    // Assert
    expect(half.paramsDigest).not.toBe(full.paramsDigest);
    expect(resumed.resumedFrom).toBe(2);
    expect(resumed.rounds).toBe(4);
    expect(resumed.paramsDigest).toBe(full.paramsDigest);
    expect(resumed.accuracy).toBe(full.accuracy);
  });

  it('identifies a run by everything but fl.rounds', () => {
    // Arrange / Act
    const a = runIdentity(tinyConfig(2));
    const b = runIdentity(tinyConfig(50));
    const c = runIdentity({ ...tinyConfig(2), seed: 1 });
    // Assert
    expect(b.configHash).toBe(a.configHash);
    expect(c.configHash).not.toBe(a.configHash);
  });
});
