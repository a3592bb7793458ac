import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKEND_NAMES } from '../tensor/backend.js';
import { BACKEND_CHOICES } from './globalOptions.js';
import { runCli, type CliRun } from './cliTestKit.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

type Run = CliRun;
const run = runCli;



/** Bad input must be exactly one line on stderr, prefixed with the program name, and nothing on stdout. */
function expectOneLineError(r: Run, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.endsWith('\n')).toBe(true);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^soteria-lab: /);
  expect(r.stderr).toMatch(pattern);
}

describe('soteria-lab help and version', () => {
  it('--help lists every command and exits 0', async () => {
    // Arrange / Act
    const r = await run(['--help']);
    // Assert
    expect(r.code).toBe(0);
    for (const name of ['demo', 'train', 'attack', 'check', 'report', 'bench']) expect(r.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(r.stdout).toMatch(/--seed/);
  });

  it('help <command> shows that command\'s options', async () => {
    // Arrange / Act
    const r = await run(['help', 'demo']);
    // Assert
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--workers <n>/);
  });

  it('--version prints the package version', async () => {
    // Arrange / Act
    const r = await run(['--version']);
    // Assert
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('no command prints the help on stderr and exits 2', async () => {
    // Arrange / Act
    const r = await run([]);
    // Assert
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/Usage: soteria-lab/);
  });
});

describe('soteria-lab bad input (exit 2, one line)', () => {
  it('rejects an unknown option, before or after the command', async () => {
    // Arrange / Act
    const before = await run(['--frobnicate', 'demo']);
    const after = await run(['demo', '--frobnicate']);
    // Assert
    expectOneLineError(before, /unknown option '--frobnicate'/);
    expectOneLineError(after, /unknown option '--frobnicate'/);
  });

  it('rejects an unknown command and lists the commands', async () => {
    // Arrange / Act
    const r = await run(['trian']);
    // Assert
    expectOneLineError(r, /unknown command 'trian'.*demo\|train\|attack\|check\|report\|bench/);
  });

  it.each([['-1'], ['x'], ['1.5'], ['9007199254740992']])('rejects --seed %s naming the accepted values', async (seed) => {
    // Arrange / Act
    const r = await run(['demo', '--seed', seed]);
    // Assert
    expectOneLineError(r, new RegExp(`--seed: .*got '${seed.replace('.', '\\.')}'.*0\\.\\.${Number.MAX_SAFE_INTEGER}`));
  });

  it('rejects --backend nope listing every backend', async () => {
    // Arrange / Act
    const r = await run(['--backend', 'nope', 'demo']);
    // Assert
    expectOneLineError(r, /--backend: .*got 'nope'/);
    for (const name of BACKEND_NAMES) expect(r.stderr).toContain(name);
  });

  it('rejects a bad SOTERIA_BACKEND, naming the variable', async () => {
    // Arrange / Act
    const r = await run(['bench'], { SOTERIA_BACKEND: 'gpu' });
    // Assert
    expectOneLineError(r, /SOTERIA_BACKEND: .*got 'gpu'/);
  });

  it('rejects a bad command option through InputError', async () => {
    // Arrange / Act
    const r = await run(['demo', '--workers', '-1']);
    // Assert
    expectOneLineError(r, /--workers: .*got '-1'.*0\.\.64/);
  });

  it('rejects a missing or unknown claim for check', async () => {
    // Arrange / Act
    const missing = await run(['check']);
    const unknown = await run(['check', 'theorem9']);
    // Assert
    expectOneLineError(missing, /missing required argument/);
    expectOneLineError(unknown, /theorem9.*lemma1/);
  });

  it('rejects a non-numeric --param for attack', async () => {
    // Arrange / Act
    const r = await run(['attack', '--param', 'strong']);
    // Assert
    expectOneLineError(r, /--param: not a finite number \(got 'strong'/);
  });

  it.skipIf(isInstalled('@tensorflow/tfjs-node'))('--backend tensorflow without tfjs-node says how to install it', async () => {
    // Arrange / Act
    const r = await run(['demo', '--preset', 'tiny', '--backend', 'tensorflow']);
    // Assert
    expectOneLineError(r, /--backend tensorflow.*npm install @tensorflow\/tfjs-node/);
  });
});

describe('soteria-lab run failures (exit 1)', () => {
  it('prints the stack only with SOTERIA_DEBUG=1', async () => {
    // Arrange: an output folder under a plain file cannot be created (a run failure, not bad input)
    const blocker = join(mkdtempSync(join(tmpdir(), 'soteria-main-')), 'a-file');
    writeFileSync(blocker, '');
    const args = ['train', '--preset', 'quick', '--rounds', '1', '--out', join(blocker, 'run')];
    // Act
    const quiet = await run(args);
    const debug = await run(args, { SOTERIA_DEBUG: '1' });
    // Assert
    expect(quiet.code).toBe(1);
    expect(quiet.stderr).toMatch(/ENOTDIR/);
    expect(quiet.stderr).not.toMatch(/\n\s+at /);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });
});

describe('soteria-lab global options', () => {
  it('keeps the list of backends equal to the tensor layer\'s', () => {
    // Arrange / Act / Assert
    expect([...BACKEND_CHOICES]).toEqual([...BACKEND_NAMES]);
  });
});

describe('soteria-lab demo --json', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'soteria-demo-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('prints exactly one JSON object on stdout and writes it to <out>/demo.json', async () => {
    // Arrange / Act
    const r = await run(['demo', '--json', '--preset', 'tiny', '--workers', '0', '--out', outDir, '--backend', 'wasm', '--seed', '5']);
    // Assert
    expect(r.code).toBe(0);
    expect(r.stdout.endsWith('\n')).toBe(true);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const result = JSON.parse(r.stdout) as { command: string; steps: { step: string }[]; report: { htmlFile: string; provenance: { seed: number; command: string } }; leakedTensors: number };
    expect(result.command).toBe('demo');
    expect(result.steps.map((s) => s.step)).toEqual(['backend', 'data', 'model', 'dlgObjective']);
    expect(result.report.provenance.seed).toBe(5);
    expect(result.report.provenance.command).toMatch(/--seed 5 --backend wasm$/);
    expect(existsSync(result.report.htmlFile)).toBe(true);
    expect(result.leakedTensors).toBe(0);
    expect(JSON.parse(readFileSync(join(outDir, 'demo.json'), 'utf8'))).toEqual(result);
    expect(r.stderr).toMatch(/^demo: backend: /m);
  });
});

describe('bin/soteria-lab.js', () => {
  it('runs from the built dist/ and lists the commands', () => {
    // Arrange
    const built = join(root, 'dist', 'cli', 'main.js');
    if (!existsSync(built)) throw new Error(`missing ${built}: run \`npm run build\` first (npm test does it)`);
    // Act
    const r = spawnSync(process.execPath, [join(root, 'bin', 'soteria-lab.js'), '--help'], { encoding: 'utf8' });
    // Assert
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^  demo\b/m);
    expect(r.stdout).toMatch(/^  check\b/m);
  });
});

function isInstalled(name: string): boolean {
  try {
    createRequire(import.meta.url).resolve(name);
    return true;
  } catch {
    return false;
  }
}
