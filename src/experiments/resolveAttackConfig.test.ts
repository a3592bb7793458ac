import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ATTACK_PRESET_NAMES } from './attackPresets.js';
import { defenseWithParam } from './defenseWithParam.js';
import { GS_ITERATIONS, resolveAttackConfig } from './resolveAttackConfig.js';

describe('resolveAttackConfig', () => {
  it.each(ATTACK_PRESET_NAMES)('preset %s validates and gets its derived fields', (preset) => {
    // Act
    const { config, name } = resolveAttackConfig({ preset, overrides: preset.includes('cifar') ? { dataDir: '/data/cifar' } : {} });
    // Assert
    expect(name).toBe(preset);
    expect(config.model.inputShape).toHaveLength(3);
    expect(config.model.numClasses).toBe(10);
    expect(config.steps).toBe(config.attack === 'gs' ? GS_ITERATIONS[config.gs.preset] : 300);
  });

  it('pads MNIST to 32×32×1 for the DLG LeNet and keeps 28×28×1 for the GS ConvNet', () => {
    expect(resolveAttackConfig({ preset: 'dlg-mnist-lenet' }).config.model.inputShape).toEqual([32, 32, 1]);
    expect(resolveAttackConfig({ preset: 'gs-mnist-convnet' }).config.model.inputShape).toEqual([28, 28, 1]);
    expect(resolveAttackConfig({ preset: 'gs-cifar10-convnet-code', overrides: { dataDir: 'd' } }).config.steps).toBe(24_000);
  });

  it('applies overrides: seed, attack, image, steps, selection; the synthetic seed follows the run seed', () => {
    // Act
    const { config } = resolveAttackConfig({ preset: 'dlg-synthetic-lenet', overrides: { seed: 9, attack: 'idlg', image: 4, steps: 12, selection: 'allButDefended' } });
    // Assert
    expect(config).toMatchObject({ seed: 9, attack: 'idlg', image: 4, steps: 12, selection: 'allButDefended', data: { dataset: 'synthetic', seed: 9 } });
  });

  it('rejects a model input shape that does not match the data, naming the field', () => {
    // Arrange
    const file = join(mkdtempSync(join(tmpdir(), 'soteria-attack-cfg-')), 'bad.json');
    writeFileSync(file, JSON.stringify({ seed: 0, attack: 'dlg', model: { kind: 'lenetDlg', inputShape: [28, 28, 1] }, data: { dataset: 'mnist', pad28to32: true } }));
    // Act / Assert
    expect(() => resolveAttackConfig({ configFile: file })).toThrow(/model\.inputShape: does not match the data \(got \[28, 28, 1\], expected \[32, 32, 1\]/);
    rmSync(dirname(file), { recursive: true, force: true });
  });
});

describe('defenseWithParam (--defense and --param)', () => {
  it.each([
    ['soteria', 40, { kind: 'soteria', percent: 40 }],
    ['gc', 80, { kind: 'gradientPruning', percent: 80 }],
    ['dp-gaussian', 0.01, { kind: 'dpNoise', noise: { distribution: 'gaussian', std: 0.01 } }],
    ['dp-laplace', 0.1, { kind: 'dpNoise', noise: { distribution: 'laplace', scale: 0.1 } }],
  ])('a bare kind %s with --param %d', (kind, param, expected) => {
    expect(defenseWithParam(kind, param, undefined)).toEqual(expected);
  });

  it("--param alone sets the strength of the config's own defense, keeping its other fields", () => {
    expect(defenseWithParam(undefined, 20, { kind: 'soteria', percent: 40, rule: 'exact' })).toEqual({ kind: 'soteria', percent: 20, rule: 'exact' });
    expect(defenseWithParam(undefined, 0.5, { kind: 'dpNoise', noise: { distribution: 'laplace', scale: 1 } })).toEqual({ kind: 'dpNoise', noise: { distribution: 'laplace', scale: 0.5 } });
    expect(() => defenseWithParam(undefined, 5, { kind: 'none' })).toThrow(/no strength to set/);
  });

  it('a full shorthand passes through, and neither option keeps the config', () => {
    expect(defenseWithParam('soteria:10', undefined, { kind: 'none' })).toEqual({ kind: 'soteria', percent: 10 });
    expect(defenseWithParam(undefined, undefined, { kind: 'none' })).toBeUndefined();
  });
});
