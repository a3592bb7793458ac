/**
 * Devices trained in worker threads (`runRoundParallel`, `runRounds` with a pool) give the same
 * model, bit for bit, and the same statistics as devices trained in this thread. The workers
 * load the compiled `dist/sim/fl/clientWorker.js` (npm test builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disposeParams, initBackend, paramsDigest } from '../../tensor/index.js';
import { makeDefense } from '../defenses/index.js';
import type { ModelConfig } from '../types.js';
import { ClientPool } from './clientPool.js';
import { makeClientJob, runClientJob, toParamArrays } from './clientJob.js';
import { tinyRunSpec } from './flFixture.js';
import { runRound, runRoundParallel } from './runRound.js';
import { runRounds } from './runRounds.js';

const MLP: ModelConfig = { kind: 'mlp3', hidden: [16, 8], inputShape: [8, 8, 1], numClasses: 4 };
const pool = new ClientPool(2);

beforeAll(async () => {
  await initBackend('wasm');
});
afterAll(async () => {
  await pool.close();
});

describe('runRoundParallel', () => {
  it('equals runRound bit for bit, with a noisy defense drawing from each device stream', async () => {
    // Arrange: 6 devices, 4 per round, DP noise (so each device's rng stream matters), 2 epochs.
    const spec = tinyRunSpec({ seed: 3, model: MLP, defense: makeDefense({ kind: 'dpNoise', noise: { distribution: 'gaussian', std: 0.01 } }), fl: { clientsPerRound: 4, localEpochs: 2 } });
    const params = spec.model.init(3);
    // Act
    const serial = runRound(spec, params, 1);
    const parallel = await runRoundParallel(spec, params, 1, { pool, model: MLP });
    // Assert
    try {
      expect(paramsDigest(parallel.params)).toBe(paramsDigest(serial.params));
      expect(paramsDigest(parallel.params)).not.toBe(paramsDigest(params));
      const { params: _a, ...serialStats } = serial;
      const { params: _b, ...parallelStats } = parallel;
      expect(parallelStats).toEqual(serialStats);
    } finally {
      [params, serial.params, parallel.params].forEach(disposeParams);
    }
  });

  it('runRounds with a pool ends where runRounds without one ends', async () => {
    // Arrange
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'soteria-pool-')));
    const spec = tinyRunSpec({ seed: 5, fl: { rounds: 3 } });
    try {
      // Act
      const a = await runRounds(spec, { outDir: dirs[0] });
      const b = await runRounds(spec, { outDir: dirs[1], parallel: { pool, model: { kind: 'logReg', init: 'uniform', inputShape: [8, 8, 1], numClasses: 4 } } });
      // Assert
      expect(paramsDigest(b.params)).toBe(paramsDigest(a.params));
      expect(b.history.map((h) => [h.accuracy, h.trainLoss, h.clients])).toEqual(a.history.map((h) => [h.accuracy, h.trainLoss, h.clients]));
      disposeParams(a.params);
      disposeParams(b.params);
    } finally {
      dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
    }
  });

  it('reports a device whose job does not match its model config, naming the parameters', async () => {
    // Arrange: a job built for logReg but claiming the mlp3 config.
    const spec = tinyRunSpec({ seed: 1 });
    const params = spec.model.init(1);
    const job = makeClientJob({
      backend: 'wasm', model: MLP, defense: { kind: 'none' }, params: toParamArrays(params), train: spec.train, indices: spec.clients[0],
      fl: spec.fl, seed: 1, round: 0, client: 0, stepOffset: 0,
    });
    disposeParams(params);
    // Act / Assert: in this thread and in a worker.
    expect(() => runClientJob(job)).toThrow(/parameters do not match the model config/);
    await expect(pool.train([job])).rejects.toThrow(/device 0 of round 1 failed in a worker: RangeError: client job: parameters do not match/);
  });
});

describe('ClientPool', () => {
  it('replaces a worker that died between calls and trains as before', async () => {
    // Arrange: one round's jobs; kill every worker the pool holds (as an out-of-memory exit would).
    const spec = tinyRunSpec({ seed: 4, model: MLP });
    const params = spec.model.init(4);
    const first = await runRoundParallel(spec, params, 0, { pool, model: MLP });
    const workers = (pool as unknown as { workers: { terminate(): Promise<number> }[] }).workers;
    expect(workers.length).toBeGreaterThan(0);
    await Promise.all(workers.map((w) => w.terminate()));
    // Act
    const again = await runRoundParallel(spec, params, 0, { pool, model: MLP });
    // Assert
    expect(paramsDigest(again.params)).toBe(paramsDigest(first.params));
    [params, first.params, again.params].forEach(disposeParams);
  });

  it('rejects a size that is not a positive integer', () => {
    expect(() => new ClientPool(0)).toThrow(/positive integer \(got 0\)/);
  });
});
