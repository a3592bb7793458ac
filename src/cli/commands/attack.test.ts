import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { ATTACK_KINDS, SELECTION_NAMES } from '../../experiments/attackConfigSchema.js';
import { ATTACK_PRESET_NAMES } from '../../experiments/attackPresets.js';
import { runCli } from '../cliTestKit.js';
import { ATTACK_CHOICES } from './attack.js';

const dir = mkdtempSync(join(tmpdir(), 'soteria-cli-attack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = {
  seed: 3,
  attack: 'dlg',
  model: { kind: 'lenetDlg' },
  data: { dataset: 'synthetic', kind: 'blobs', shape: [16, 16, 3], numClasses: 4, size: 4 },
  steps: 1,
};
const configFile = join(dir, 'tiny.json');
writeFileSync(configFile, JSON.stringify(tiny));
/** GS on a width-2 ConvNet (12 → 4 → 1 after the two MaxPool(3)), 2 Adam iterations. */
const tinyGs = { ...tiny, attack: 'gs', model: { kind: 'convNet', width: 2 }, data: { ...tiny.data, shape: [12, 12, 3] }, steps: 2 };
const gsFile = join(dir, 'tiny-gs.json');
writeFileSync(gsFile, JSON.stringify(tinyGs));

const pngSize = (file: string): [number, number] => {
  const png = PNG.sync.read(readFileSync(file));
  return [png.width, png.height];
};

describe('soteria-lab attack', () => {
  it('--preset dlg-mnist-lenet --json: one result object, 32×32 PNGs, result.json, progress on stderr', async () => {
    // Arrange
    const out = join(dir, 'mnist');
    // Act
    const r = await runCli(['attack', '--preset', 'dlg-mnist-lenet', '--steps', '1', '--out', out, '--json', '--backend', 'cpu']);
    // Assert
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    const result = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['attack', 'defense', 'mse', 'mseMin', 'psnr', 'ssim', 'labelCorrect', 'steps', 'evaluations', 'ms', 'seed', 'backend', 'config', 'provenance', 'metricSpace', 'diverged', 'mseMinUsesGroundTruth']) expect(result).toHaveProperty(key);
    expect(result.attack).toBe('dlg');
    expect(result.steps).toBe(1);
    expect(result.metricSpace).toBe('pixels01');
    expect(result.mseMin as number).toBeLessThanOrEqual(result.mse as number);
    expect((result.image as { shape: number[] }).shape).toEqual([32, 32, 1]);
    expect((result.provenance as { command: string }).command).toMatch(/^soteria-lab attack --preset dlg-mnist-lenet .*--seed 0 --backend cpu$/);
    for (const f of ['reconstruction', 'truth', 'best']) expect(pngSize(join(out, `${f}.png`))).toEqual([32, 32]);
    expect(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'))).toEqual(result);
    expect(r.stderr).toMatch(/^step 1\/1: mse to the truth /m);
  });

  it('--config with --attack idlg, --defense soteria --param 40 and a seed override; default --out', async () => {
    // Arrange
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      // Act
      const r = await runCli(['attack', '--config', configFile, '--attack', 'idlg', '--defense', 'soteria', '--param', '40', '--image', '2', '--seed', '7', '--json', '--backend', 'cpu']);
      // Assert
      expect(r.code).toBe(0);
      const result = JSON.parse(r.stdout) as { attack: string; seed: number; defense: { config: unknown; description: string }; idlg: { label: number }; image: { index: number; label: number; shape: number[] }; predictedLabel: number; outDir: string };
      expect(result.attack).toBe('idlg');
      expect(result.seed).toBe(7);
      expect(result.defense.config).toEqual({ kind: 'soteria', percent: 40 });
      expect(result.predictedLabel).toBe(result.idlg.label);
      expect(result.image).toMatchObject({ index: 2, shape: [16, 16, 3] });
      expect(result.outDir).toBe(join(dir, 'runs', 'attack-tiny-seed7'));
      expect(pngSize(join(result.outDir, 'truth.png'))).toEqual([16, 16]);
    } finally {
      process.chdir(cwd);
    }
  });

  it('without --json prints a summary that labels the min MSE as using the ground truth', async () => {
    // Act
    const r = await runCli(['attack', '--config', configFile, '--steps', '0', '--out', join(dir, 'plain'), '--backend', 'cpu']);
    // Assert
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/min MSE over iterations .* \(uses the ground truth\)/);
    expect(existsSync(join(dir, 'plain', 'best.png'))).toBe(true);
  });

  it('--attack gs reports [0, 1]-pixel metrics plus the normalised ones, with the iDLG label', async () => {
    // Act
    const r = await runCli(['attack', '--config', gsFile, '--out', join(dir, 'gs'), '--json', '--backend', 'cpu']);
    // Assert
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { attack: string; steps: number; labelSource: string; metricSpace: string; mse: number; normalised: { mse: number; std: number[] } };
    expect(result).toMatchObject({ attack: 'gs', labelSource: 'idlg', metricSpace: 'pixels01' });
    expect(result.normalised.std).toHaveLength(3);
    expect(result.normalised.mse).not.toBe(result.mse);
    expect(pngSize(join(dir, 'gs', 'reconstruction.png'))).toEqual([12, 12]);
  });

  it('--attack repinfer matches the inferred representation (selection reported as representation)', async () => {
    // Act
    const r = await runCli(['attack', '--config', configFile, '--attack', 'repinfer', '--steps', '1', '--out', join(dir, 'rep'), '--json', '--backend', 'cpu']);
    // Assert
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as { attack: string; selection: string; labelSource: string; steps: number; repCor: number };
    expect(result).toMatchObject({ attack: 'repinfer', selection: 'representation', labelSource: 'representation', steps: 1 });
    expect(result.repCor).toBeGreaterThan(0.99); // no defense, batch 1: the inference is exact
    expect(pngSize(join(dir, 'rep', 'best.png'))).toEqual([16, 16]);
  });

  it.each([
    [['attack'], /exactly one of --preset and --config/],
    [['attack', '--preset', 'nope'], /--preset: unknown preset \(got 'nope', expected one of dlg-mnist-lenet\|dlg-synthetic-lenet\|idlg-mnist-lenet\|gs-mnist-convnet/],
    [['attack', '--config', configFile, '--image', '4'], /--image: out of range \(got 4, expected 0\.\.3/],
    [['attack', '--preset', 'dlg-mnist-lenet', '--image', '10000', '--steps', '0'], /--image: out of range \(got 10000, expected 0\.\.9999 for mnist test\)/],
    [['attack', '--config', configFile, '--defense', 'soteria'], /--defense: 'soteria' needs a strength/],
    [['attack', '--config', configFile, '--defense', 'gc:40', '--param', '3'], /--param: --defense 'gc:40' already fixes the defense/],
    [['attack', '--config', configFile, '--param', '3'], /--param: the config's defense has no strength/],
    [['attack', '--config', configFile, '--defense', 'soteria:140'], /defense\.percent: out of range \(got 140, expected <= 100\)/],
    [['attack', '--config', configFile, '--selection', 'fc'], /--selection.*fc.*allButDefended/],
    [['attack', '--preset', 'gs-cifar10-convnet'], /data\.dataDir: .*--data-dir/],
  ])('bad input %j exits 2 with one line', async (args, pattern) => {
    // Act
    const r = await runCli([...args, '--backend', 'cpu']);
    // Assert
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });

  it('--help lists every preset, attack and selection the config accepts', async () => {
    // Act
    const r = await runCli(['attack', '--help']);
    // Assert
    expect(r.code).toBe(0);
    for (const name of [...ATTACK_PRESET_NAMES, ...ATTACK_KINDS, ...SELECTION_NAMES]) expect(r.stdout).toContain(name);
    expect([...ATTACK_CHOICES].sort()).toEqual([...ATTACK_KINDS].sort());
  });

  it('a config with an unknown key exits 2 naming it', async () => {
    // Arrange
    const file = join(dir, 'typo.json');
    writeFileSync(file, JSON.stringify({ ...tiny, stpes: 3 }));
    // Act
    const r = await runCli(['attack', '--config', file]);
    // Assert
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown key 'stpes'/);
  });
});
