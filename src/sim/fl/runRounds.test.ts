import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../errors.js';
import { disposeParams, initBackend, liveTensors, paramsDigest } from '../../tensor/index.js';
import { tinyRunSpec } from './flFixture.js';
import { CHECKPOINT_FILE, ROUNDS_FILE } from './runDir.js';
import { runRounds } from './runRounds.js';
import type { RoundRecord } from './types.js';

const root = mkdtempSync(join(tmpdir(), 'soteria-fl-'));
let dirCount = 0;
const freshDir = (): string => join(root, `run${dirCount++}`);
const readRounds = (dir: string): RoundRecord[] =>
  readFileSync(join(dir, ROUNDS_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RoundRecord);

beforeAll(async () => {
  await initBackend('cpu');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Run `spec` and return the final digest and history, disposing the model. */
async function digestOf(spec: ReturnType<typeof tinyRunSpec>, outDir: string, resume = false): Promise<{ digest: string; history: readonly RoundRecord[]; resumedFrom?: number }> {
  const r = await runRounds(spec, { outDir, resume });
  const digest = paramsDigest(r.params);
  disposeParams(r.params);
  return { digest, history: r.history, resumedFrom: r.resumedFrom };
}

describe('runRounds', () => {
  it('learns the tiny task and writes one line per round plus a checkpoint', async () => {
    // Arrange
    const dir = freshDir();
    const spec = tinyRunSpec({ fl: { rounds: 5 } });
    // Act
    const { history } = await digestOf(spec, dir);
    // Assert
    expect(history.map((h) => h.round)).toEqual([1, 2, 3, 4, 5]);
    expect(readRounds(dir)).toEqual(history);
    expect(history[4].accuracy).toBeGreaterThan(0.8);
    expect(history.every((h) => h.aggregateWeightSum > 0.999999 && h.clients.length === 3)).toBe(true);
    const cp = JSON.parse(readFileSync(join(dir, CHECKPOINT_FILE), 'utf8')) as { round: number; history: unknown[] };
    expect(cp.round).toBe(5);
    expect(cp.history).toHaveLength(5);
  });

  it('run 4 rounds = run 2 rounds + resume to 4 (same paramsDigest, same history up to timing)', async () => {
    // Arrange
    const straight = freshDir();
    const split = freshDir();
    // Act
    const full = await digestOf(tinyRunSpec({ fl: { rounds: 4 } }), straight);
    await digestOf(tinyRunSpec({ fl: { rounds: 2 } }), split);
    const resumed = await digestOf(tinyRunSpec({ fl: { rounds: 4 } }), split, true);
    // Assert
    expect(resumed.resumedFrom).toBe(2);
    expect(resumed.digest).toBe(full.digest);
    const strip = (h: readonly RoundRecord[]): unknown[] => h.map(({ ms: _ms, ...rest }) => rest);
    expect(strip(resumed.history)).toEqual(strip(full.history));
    expect(strip(readRounds(split))).toEqual(strip(full.history));
  });

  it('resume drops a rounds.jsonl line written past the checkpoint (crash between the two writes)', async () => {
    // Arrange
    const dir = freshDir();
    await digestOf(tinyRunSpec({ fl: { rounds: 2 } }), dir);
    appendFileSync(join(dir, ROUNDS_FILE), '{"round":3,"accuracy":0.1}\n{"round":4,"acc');
    // Act
    const resumed = await digestOf(tinyRunSpec({ fl: { rounds: 3 } }), dir, true);
    // Assert
    expect(readRounds(dir).map((r) => r.round)).toEqual([1, 2, 3]);
    expect(resumed.history[2].accuracy).not.toBe(0.1);
  });

  it('refuses a non-empty directory without resume, and a checkpoint of another config', async () => {
    // Arrange
    const busy = freshDir();
    mkdirSync(busy);
    writeFileSync(join(busy, 'notes.txt'), 'x');
    const other = freshDir();
    await digestOf(tinyRunSpec({ fl: { rounds: 1 } }), other);
    // Act / Assert
    await expect(runRounds(tinyRunSpec(), { outDir: busy })).rejects.toThrow(InputError);
    await expect(runRounds(tinyRunSpec(), { outDir: busy })).rejects.toThrow(/not empty.*--resume.*--out/);
    await expect(runRounds(tinyRunSpec({ fl: { localEpochs: 2 } }), { outDir: other, resume: true })).rejects.toThrow(/fl\.localEpochs: 2 vs 1/);
    await expect(runRounds(tinyRunSpec(), { outDir: freshDir(), resume: true })).rejects.toThrow(/no checkpoint/);
  });

  it('stops cleanly after the current round when aborted', async () => {
    // Arrange
    const controller = new AbortController();
    const spec = tinyRunSpec({ fl: { rounds: 6 } });
    // Act
    const r = await runRounds(spec, { outDir: freshDir(), signal: controller.signal, onRound: (rec) => { if (rec.round === 2) controller.abort(); } });
    // Assert
    expect(r.interrupted).toBe(true);
    expect(r.roundsRun).toBe(2);
    disposeParams(r.params);
  });

  it('evaluates every evalEvery rounds and always after the last', async () => {
    // Arrange / Act
    const { history } = await digestOf(tinyRunSpec({ fl: { rounds: 5 }, evalEvery: 2 }), freshDir());
    // Assert
    expect(history.map((h) => h.accuracy !== null)).toEqual([false, true, false, true, true]);
  });

  it('eq13 on unbalanced devices reports aggregate weight sums different from 1', async () => {
    // Arrange: 6 IID devices of 20 are balanced, so unbalance them through the partition
    const spec = tinyRunSpec({ fl: { rounds: 3, sampling: 'eq13' } });
    const unbalanced = { ...spec, clients: spec.clients.map((c, k) => c.slice(0, k === 0 ? 20 : 3)) };
    // Act
    const { history } = await digestOf(unbalanced, freshDir());
    // Assert
    expect(history.some((h) => Math.abs(h.aggregateWeightSum - 1) > 0.1)).toBe(true);
  });

  it('keeps tf.memory().numTensors flat over 20 rounds', async () => {
    // Arrange
    const spec = tinyRunSpec({ fl: { rounds: 20 }, model: { kind: 'mlp3', hidden: [16, 8], inputShape: [8, 8, 1], numClasses: 4 } });
    const counts: number[] = [];
    const before = liveTensors();
    // Act
    const r = await runRounds(spec, { outDir: freshDir(), onRound: () => counts.push(liveTensors()) });
    disposeParams(r.params);
    // Assert
    expect(counts).toHaveLength(20);
    expect(new Set(counts).size).toBe(1);
    expect(liveTensors()).toBe(before);
  });
});
