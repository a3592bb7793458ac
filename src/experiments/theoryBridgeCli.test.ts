import { describe, expect, it } from 'vitest';
import { runCli as run } from '../cli/cliTestKit.js';



describe('soteria-lab check theorem1 --bridge lenet', () => {
  it('--json emits one JSON object labelled as a float32 bridge, with the assumptions as numbers', async () => {
    // Act
    const r = await run(['check', 'theorem1', '--bridge', 'lenet', '--samples', '1', '--input-shape', '16x16x1', '--backend', 'cpu', '--json']);
    // Assert
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(r.stdout) as {
      claim: string;
      statement: string;
      verdict: { status: string; reason: string };
      cases: number;
      families: { name: string; verdict: { status: string; details?: Record<string, unknown> } }[];
      bridge: { kind: string; toleranceNote: string; representationSize: number; inputSize: number; perSample: { jacobian: { rank: number; nullity: number } }[] };
      provenance: { backend: { used: string } };
    };
    expect(json.claim).toBe('theorem1');
    expect(json.statement).toMatch(/float32 bridge/);
    expect(json.verdict.status).toBe('inapplicable');
    expect(json.bridge.kind).toBe('float32 bridge');
    expect(json.bridge.toleranceNote).toMatch(/2⁻²³/);
    expect([json.bridge.representationSize, json.bridge.inputSize]).toEqual([192, 256]);
    expect(json.bridge.perSample).toHaveLength(1);
    const injectivity = json.families.find((f) => f.name === 'lenet/assumption1/injectivity');
    expect(injectivity?.verdict.status).toBe('inapplicable');
    expect(injectivity?.verdict.details?.nullity).toEqual([json.bridge.perSample[0].jacobian.nullity]);
    expect(json.families.some((f) => f.name === 'lenet/pruned=10%/p=2/operator')).toBe(true);
    expect(json.cases).toBeGreaterThan(0);
    expect(json.provenance.backend.used).toBe('cpu');
  });

  it('without --json prints the per-sample bridge lines', async () => {
    // Act
    const r = await run(['check', 'theorem1', '--bridge', 'lenet', '--samples', '1', '--input-shape', '16x16x1', '--backend', 'cpu']);
    // Assert
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/float32 bridge: lenetDlg 16×16×1/);
    expect(r.stdout).toMatch(/sample 0: rank \d+ .* of 192, null space \d+ ≥ 64/);
  });

  it('--bridge on another claim, with --map, or a bad --input-shape is an exit-2 error', async () => {
    // Act
    const a = await run(['check', 'lemma1', '--bridge', 'lenet']);
    const b = await run(['check', 'theorem1', '--bridge', 'lenet', '--map', 'examples/maps/onlyF.mjs']);
    const c = await run(['check', 'theorem1', '--bridge', 'lenet', '--input-shape', '5x5x1']);
    const d = await run(['check', 'theorem1', '--input-shape', '16x16x1']);
    // Assert
    expect([a.code, b.code, c.code, d.code]).toEqual([2, 2, 2, 2]);
    expect(a.stderr).toMatch(/--bridge: only theorem1/);
    expect(b.stderr).toMatch(/--map/);
    expect(c.stderr).toMatch(/--input-shape|bridge.inputShape/);
    expect(d.stderr).toMatch(/--input-shape: only used with --bridge/);
    expect(a.stdout + b.stdout + c.stdout + d.stdout).toBe('');
  });
});
