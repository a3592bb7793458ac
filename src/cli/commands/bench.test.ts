import { describe, expect, it } from 'vitest';
import { runCli as run } from '../cliTestKit.js';

// Argument handling and the JSON shape only: one pass of the cheapest tfjs workload on the cpu
// backend. No timing assertions; PyTorch is never needed (the --vs-torch case points at a
// missing interpreter on purpose).

interface BenchJson {
  results: { name: string; medianMs: number; minMs: number; iterations: number; backend: string }[];
  workloads: { name: string; iterationsPerPass: number }[];
  torch?: { available: boolean; reason?: string };
  ratios?: unknown;
  provenance: { command: string; seed: number };
}

describe('soteria-lab bench', () => {
  it('--only NAME --passes 1 --json prints one result per workload with the timing fields and provenance', async () => {
    // Act
    const r = await run(['bench', '--only', 'dlg-closure-lenet-b1', '--passes', '1', '--backend', 'cpu', '--seed', '4', '--json']);
    // Assert
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as BenchJson;
    expect(json.results.map((x) => x.name)).toEqual(['dlg-closure-lenet-b1']);
    const [res] = json.results;
    expect(res.backend).toBe('cpu');
    expect(res.iterations).toBe(json.workloads[0].iterationsPerPass);
    expect(res.minMs).toBeGreaterThan(0);
    expect(res.minMs).toBeLessThanOrEqual(res.medianMs);
    expect(json.provenance.seed).toBe(4);
    expect(json.provenance.command).toContain('--only dlg-closure-lenet-b1');
    expect(json.torch).toBeUndefined();
  });

  it('an unknown --only name exits 2 listing the accepted names, before any timing', async () => {
    // Act
    const r = await run(['bench', '--only', 'dlg-closure-lenet-b1,warp-drive']);
    // Assert
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--only: unknown workload \(got 'warp-drive'/);
    for (const name of ['dlg-closure-lenet-b1', 'soteria-mask-lenet', 'fl-round-mnist', 'theory-lemma1']) expect(r.stderr).toContain(name);
    expect(r.stdout).toBe('');
  });

  it('--passes must be a positive integer (exit 2)', async () => {
    // Act
    const r = await run(['bench', '--passes', '0']);
    // Assert
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--passes/);
  });

  it('--vs-torch without a usable python still reports the tfjs timings, says why, and exits 0', async () => {
    // Act
    const r = await run(['bench', '--only', 'dlg-closure-lenet-b1', '--passes', '1', '--backend', 'cpu', '--vs-torch', '--python', '/nonexistent/python3', '--json']);
    // Assert
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as BenchJson;
    expect(json.results).toHaveLength(1);
    expect(json.torch?.available).toBe(false);
    expect(json.torch?.reason).toMatch(/\/nonexistent\/python3/);
    expect(json.ratios).toBeUndefined();
    expect(r.stderr).toMatch(/no PyTorch comparison/);
  });
});
