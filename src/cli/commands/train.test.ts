import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../main.js';

const dir = mkdtempSync(join(tmpdir(), 'soteria-cli-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = {
  seed: 2,
  model: { kind: 'logReg', init: 'uniform' },
  data: { dataset: 'synthetic', kind: 'blobs', trainSize: 60, testSize: 20, shape: [6, 6, 1], numClasses: 3 },
  partition: { kind: 'iid' },
  fl: { numClients: 3, clientsPerRound: 2, rounds: 2, localEpochs: 1, batchSize: 8, lr: { kind: 'constant', eta: 0.5 } },
};
const configFile = join(dir, 'tiny.json');
writeFileSync(configFile, JSON.stringify(tiny));

async function run(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void): Writable => new Writable({ write(chunk: Buffer, _e, done) { append(chunk.toString()); done(); } });
  const code = await main(['node', 'soteria-lab', ...args], { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)), env: {} });
  return { code, stdout, stderr };
}

describe('soteria-lab train', () => {
  it('--json prints exactly one result object; logs go to stderr', async () => {
    // Arrange
    const out = join(dir, 'run1');
    // Act
    const r = await run(['train', '--config', configFile, '--out', out, '--json', '--backend', 'cpu', '--defense', 'dp-laplace:0.001']);
    // Assert
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const result = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['rounds', 'accuracy', 'loss', 'paramsDigest', 'defense', 'config', 'seed', 'backend', 'ms', 'msPerRound', 'outDir', 'provenance']) expect(result).toHaveProperty(key);
    expect(result.rounds).toBe(2);
    expect(result.seed).toBe(2);
    expect((result.defense as { description: string }).description).toMatch(/Laplace.*scale/);
    expect(r.stderr).toMatch(/^round 2\/2: accuracy /m);
    expect(readFileSync(join(out, 'rounds.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('--workers 2 trains the devices in worker threads and ends with the same model as --workers 0', async () => {
    // Arrange
    const outs = [join(dir, 'w0'), join(dir, 'w2')];
    // Act
    const [a, b] = [await run(['train', '--config', configFile, '--out', outs[0], '--json', '--backend', 'cpu', '--workers', '0', '--defense', 'dp-gaussian:0.01']),
      await run(['train', '--config', configFile, '--out', outs[1], '--json', '--backend', 'cpu', '--workers', '2', '--defense', 'dp-gaussian:0.01'])];
    // Assert
    const [ra, rb] = [a, b].map((r) => JSON.parse(r.stdout) as { paramsDigest: string; workers: number; accuracy: number });
    expect([ra.workers, rb.workers]).toEqual([0, 2]);
    expect(rb.paramsDigest).toBe(ra.paramsDigest);
    expect(rb.accuracy).toBe(ra.accuracy);
  });

  it('an explicit --seed overrides the config seed, --rounds overrides fl.rounds, default --out is runs/<name>-seed<seed>', async () => {
    // Arrange
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      // Act
      const r = await run(['train', '--config', configFile, '--seed', '5', '--rounds', '1', '--json', '--backend', 'cpu']);
      // Assert
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout) as { seed: number; rounds: number; outDir: string };
      expect(result.seed).toBe(5);
      expect(result.rounds).toBe(1);
      expect(result.outDir).toBe(join(dir, 'runs', 'tiny-seed5'));
      expect(existsSync(join(dir, 'runs', 'tiny-seed5', 'checkpoint.json'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });

  it.each([
    [['train'], /exactly one of --preset and --config/],
    [['train', '--preset', 'nope'], /--preset: unknown preset \(got 'nope'/],
    [['train', '--preset', 'quick', '--defense', 'soterya:40'], /--defense: unknown defense/],
    [['train', '--preset', 'quick', '--defense', '{"kind":"soteria","percent":400}'], /defense\.percent: out of range \(got 400, expected <= 100\)/],
    [['train', '--preset', 'cifar10-convnet-noniid'], /data\.dataDir: .*--data-dir/],
    [['train', '--preset', 'quick', '--rounds', '-3'], /--rounds: .*got '-3'/],
  ])('bad input %j exits 2 with one line', async (args, pattern) => {
    // Arrange / Act
    const r = await run(args);
    // Assert
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });

  it('refuses a used --out without --resume, and --resume continues it', async () => {
    // Arrange
    const out = join(dir, 'run3');
    await run(['train', '--config', configFile, '--out', out, '--json', '--backend', 'cpu', '--rounds', '1']);
    // Act
    const again = await run(['train', '--config', configFile, '--out', out, '--json', '--backend', 'cpu']);
    const resumed = await run(['train', '--config', configFile, '--out', out, '--json', '--backend', 'cpu', '--resume']);
    // Assert
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/not empty.*--resume/);
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ rounds: 2, resumedFrom: 1 });
  });
});
