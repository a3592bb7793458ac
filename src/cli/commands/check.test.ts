import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../cliTestKit.js';



const dir = mkdtempSync(join(tmpdir(), 'soteria-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('soteria-lab check', () => {
  it('algorithm1 --json prints one JSON result with the claim fields; a violated claim exits 0', async () => {
    // Act
    const r = await run(['check', 'algorithm1', '--samples', '15', '--seed', '2', '--json']);
    // Assert
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const key of ['claim', 'verdict', 'cases', 'violations', 'counterexample', 'families', 'provenance']) expect(json).toHaveProperty(key);
    expect(json.claim).toBe('algorithm1');
  });

  it('theorem1 --map on the example module reports a violation and the corrected bounds', async () => {
    // Act
    const r = await run(['check', 'theorem1', '--map', 'examples/maps/cubicShear.mjs', '--samples', '8', '--json']);
    // Assert
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as { verdict: { status: string }; families: { name: string; violations: number }[] };
    expect(json.verdict.status).toBe('violated');
    expect(json.families.filter((f) => f.name.includes('/corrected/')).every((f) => f.violations === 0)).toBe(true);
  });

  it('lemma1 --map with only dim and f says the missing parts were computed numerically', async () => {
    // Act
    const r = await run(['check', 'lemma1', '--map', 'examples/maps/onlyF.mjs', '--samples', '4']);
    // Assert
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/jacobian: central differences/);
    expect(r.stdout).toMatch(/inverse: damped Newton/);
  });

  it('a module without f, or with a mistyped dim, is an exit-2 error naming the export', async () => {
    // Arrange
    const noF = join(dir, 'noF.mjs');
    const badDim = join(dir, 'badDim.mjs');
    writeFileSync(noF, 'export const dim = 2;\n');
    writeFileSync(badDim, "export const dim = 'two';\nexport const f = (x) => x;\n");
    // Act
    const a = await run(['check', 'lemma1', '--map', noF]);
    const b = await run(['check', 'theorem1', '--map', badDim]);
    // Assert
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/export 'f' is missing/);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/export 'dim' is mistyped/);
    expect(a.stdout + b.stdout).toBe('');
  });
});
