import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, configHash, makeProvenance } from './provenance.js';

const rootPackage = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
  dependencies: Record<string, string>;
};

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined entries', () => {
    // Arrange
    const value = { b: { z: 1, a: [3, { y: true, x: null }] }, a: 's', c: undefined };
    // Act
    const text = canonicalJson(value);
    // Assert
    expect(text).toBe('{"a":"s","b":{"a":[3,{"x":null,"y":true}],"z":1}}');
  });

  it('rejects non-finite numbers and non-plain objects, naming the path', () => {
    // Arrange / Act / Assert
    expect(() => canonicalJson({ lr: Number.NaN })).toThrow(/\$\.lr/);
    expect(() => canonicalJson({ when: new Date(0) })).toThrow(/Date/);
    expect(() => canonicalJson([new Float32Array(2)])).toThrow(/Float32Array/);
  });
});

describe('configHash', () => {
  it('is the sha256 of the canonical text, whatever the key order', () => {
    // Arrange
    const expected = createHash('sha256').update('{"a":1,"b":{"c":[1,2]}}').digest('hex');
    // Act
    const h1 = configHash({ a: 1, b: { c: [1, 2] } });
    const h2 = configHash({ b: { c: [1, 2] }, a: 1 });
    // Assert
    expect(h1).toBe(expected);
    expect(h2).toBe(expected);
    expect(configHash({ a: 1, b: { c: [2, 1] } })).not.toBe(expected);
  });
});

describe('makeProvenance', () => {
  const base = { seed: 7, backend: { requested: 'auto', name: 'wasm' }, startedAt: new Date(Date.UTC(2026, 0, 2, 3, 4, 5)) };

  it('replaces the user seed/backend by the resolved ones in the reproducing command', () => {
    // Arrange
    const argv = ['demo', '--seed', '3', '--backend=auto', '--images', '8', '--out', 'my dir'];
    // Act
    const p = makeProvenance({ ...base, argv });
    // Assert
    expect(p.args).toEqual(['demo', '--images', '8', '--out', 'my dir', '--seed', '7', '--backend', 'wasm']);
    expect(p.command).toBe("soteria-lab demo --images 8 --out 'my dir' --seed 7 --backend wasm");
    expect(p.backend).toEqual({ requested: 'auto', used: 'wasm' });
    expect(p.startedAt).toBe('2026-01-02T03:04:05.000Z');
  });

  it('records package versions, node and the machine', () => {
    // Arrange / Act
    const p = makeProvenance({ ...base, argv: ['demo'] });
    // Assert
    expect(p.versions['soteria-lab']).toBe(rootPackage.version);
    expect(p.versions.node).toBe(process.versions.node);
    expect(p.versions['@tensorflow/tfjs']).toBe(rootPackage.dependencies['@tensorflow/tfjs']);
    expect(p.versions.mathjs).toBe(rootPackage.dependencies.mathjs);
    expect(p.versions['fast-check']).toMatch(/^\d+\.\d+\.\d+/);
    expect(p.machine.cpus).toBeGreaterThan(0);
  });

  it('hashes the config (null when absent) and survives a JSON round trip', () => {
    // Arrange
    const config = { images: 8, model: { kind: 'lenetDlg' } };
    // Act
    const withConfig = makeProvenance({ ...base, argv: ['demo'], config });
    const without = makeProvenance({ ...base, argv: ['demo'] });
    // Assert
    expect(withConfig.configHash).toBe(configHash({ model: { kind: 'lenetDlg' }, images: 8 }));
    expect(without.configHash).toBe(createHash('sha256').update('null').digest('hex'));
    expect(JSON.parse(JSON.stringify(withConfig))).toEqual(withConfig);
  });
});
