/**
 * The resume guarantee end to end: a real `soteria-lab train` child process is killed with
 * SIGKILL in the middle of a run, resumed with --resume, and must end with the same parameters
 * (paramsDigest) as an uninterrupted run of the same config and seed. Needs the built CLI
 * (`npm test` builds it first).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = join(root, 'bin', 'soteria-lab.js');
const dir = mkdtempSync(join(tmpdir(), 'soteria-sigkill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Rounds of a few hundred ms each, so the kill lands mid-run. */
const config = {
  seed: 3,
  model: { kind: 'mlp3', hidden: [64, 32] },
  data: { dataset: 'synthetic', kind: 'blobs', trainSize: 600, testSize: 100, shape: [16, 16, 1], numClasses: 4, noise: 0.3 },
  partition: { kind: 'iid' },
  fl: { numClients: 10, clientsPerRound: 5, rounds: 8, localEpochs: 4, batchSize: 8, lr: { kind: 'constant', eta: 0.1 } },
};
const ROUNDS = 8;
const env = { ...process.env, CI: '1' }; // no progress bar; --backend is explicit
const args = (out: string, ...more: string[]): string[] => [bin, 'train', '--config', join(dir, 'tiny.json'), '--rounds', String(ROUNDS), '--out', out, '--json', '--backend', 'wasm', ...more];
const lines = (out: string): string[] => {
  const f = join(out, 'rounds.jsonl');
  return existsSync(f) ? readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() !== '') : [];
};

function runToEnd(out: string, ...more: string[]): { paramsDigest: string; rounds: number; resumedFrom?: number } {
  const r = spawnSync(process.execPath, args(out, ...more), { encoding: 'utf8', env });
  if (r.status !== 0) throw new Error(`train exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as { paramsDigest: string; rounds: number; resumedFrom?: number };
}

/** Start a run, SIGKILL it once rounds.jsonl has >= `after` lines; resolve with the lines seen then. */
function killMidRun(out: string, after: number): Promise<{ signal: NodeJS.Signals | null; linesAtKill: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args(out), { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let linesAtKill = -1;
    const timer = setInterval(() => {
      const n = lines(out).length;
      if (n >= after && linesAtKill < 0) {
        linesAtKill = n;
        child.kill('SIGKILL');
      }
    }, 5);
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      clearInterval(timer);
      if (signal === null) reject(new Error(`child finished before it could be killed (stderr: ${stderr})`));
      else resolve({ signal, linesAtKill });
    });
  });
}

describe('train: SIGKILL mid-run, then --resume', () => {
  it('ends with the same paramsDigest as an uninterrupted run', async () => {
    // Arrange
    if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) throw new Error(`missing ${join(root, 'dist', 'cli', 'main.js')}: run \`npm run build\` first (npm test does it)`);
    writeFileSync(join(dir, 'tiny.json'), JSON.stringify(config));
    const d1 = join(dir, 'D1');
    const d2 = join(dir, 'D2');
    // Act
    const killed = await killMidRun(d1, 3);
    const resumed = runToEnd(d1, '--resume');
    const straight = runToEnd(d2);
    // Assert
    expect(killed.signal).toBe('SIGKILL');
    expect(killed.linesAtKill).toBeGreaterThanOrEqual(3);
    expect(killed.linesAtKill).toBeLessThan(ROUNDS);
    expect(resumed.resumedFrom).toBeGreaterThanOrEqual(2); // the kill may land between the line and the checkpoint
    expect(resumed.resumedFrom).toBeLessThan(ROUNDS);
    expect(resumed.rounds).toBe(ROUNDS);
    expect(resumed.paramsDigest).toBe(straight.paramsDigest);
    expect(lines(d1).map((l) => (JSON.parse(l) as { round: number }).round)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });
});
