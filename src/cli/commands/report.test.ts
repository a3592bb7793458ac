import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../cliTestKit.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'soteria-report-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('soteria-lab report: bad input exits 2 with one line', () => {
  it.each([
    [['report', '--preset', 'tiny', '--shard', '2/2'], /--shard: .*got '2\/2'/],
    [['report', '--preset', 'huge'], /--preset.*huge/],
    [['report', '--workers', '-1'], /--workers/],
    [['report', '--merge', join(dir, 'nowhere'), '--out', join(dir, 'm')], /--merge: .*no manifest\.json/],
    [['report', '--preset', 'tiny', '--shard', '0/2', '--merge', dir, '--out', join(dir, 'x')], /--merge: cannot be combined with --shard/],
  ])('%j', async (args, message) => {
    // Act
    const r = await run(args);
    // Assert
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });
});

describe('soteria-lab report from dist/ with 2 worker threads', () => {
  const worker = join(root, 'dist', 'experiments', 'report', 'cellWorker.js');

  it('runs the tiny preset on 2 workers and prints one JSON result naming index.html', () => {
    // Arrange
    if (!existsSync(worker)) throw new Error(`missing ${worker}: run \`npm run build\` first (npm test does it)`);
    const out = join(dir, 'workers');
    // Act
    const r = spawnSync(process.execPath, [join(root, 'bin', 'soteria-lab.js'), 'report', '--preset', 'tiny', '--workers', '2', '--out', out, '--backend', 'cpu', '--json'], { encoding: 'utf8', cwd: root });
    // Assert
    expect(r.status, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { cells: { total: number; computed: number }; htmlFile: string };
    expect(result.cells.computed).toBe(result.cells.total);
    expect(readFileSync(result.htmlFile, 'utf8')).toContain('Theorem 2');
    expect(r.stderr).toMatch(/on 2 worker\(s\)/);
  });
});
