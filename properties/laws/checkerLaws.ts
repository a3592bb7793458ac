/**
 * Law bundle every theory checker's report must pass (style.md §7.4): well-formed verdicts,
 * margin sign agrees with status, no non-finite sides, violated verdicts carry a counterexample,
 * and the report is plain JSON.
 */
import { expect } from 'vitest';
import type { ClaimReport, Verdict } from '../../src/theory/index.js';

/** Assert the laws on one verdict. */
export function assertVerdictLaws(v: Verdict, where: string): void {
  if (v.status === 'inapplicable') {
    expect(v.reason.length, `${where}: inapplicable needs a reason`).toBeGreaterThan(0);
    return;
  }
  expect(Number.isFinite(v.lhs) && Number.isFinite(v.rhs) && Number.isFinite(v.margin), `${where}: finite sides`).toBe(true);
  const expectedMargin = v.relation === '>=' ? v.lhs - v.rhs : v.rhs - v.lhs;
  expect(v.margin, `${where}: margin = signed slack`).toBeCloseTo(expectedMargin, 12);
  expect(v.status === 'holds', `${where}: status agrees with margin ≥ −tolerance`).toBe(v.margin >= -v.tolerance);
}

/** Assert the laws on a whole claim report. */
export function assertCheckerLaws(report: ClaimReport): void {
  assertVerdictLaws(report.verdict, `${report.claim}/verdict`);
  expect(report.families.length).toBeGreaterThan(0);
  for (const f of report.families) {
    assertVerdictLaws(f.verdict, `${report.claim}/${f.name}`);
    expect(f.violations).toBeLessThanOrEqual(f.cases);
    if (f.verdict.status === 'violated') {
      expect(f.violations, `${f.name}: a violated family counts its violations`).toBeGreaterThan(0);
      expect(f.verdict.counterexample, `${f.name}: violated verdicts carry a counterexample`).toBeDefined();
    }
  }
  expect(JSON.parse(JSON.stringify(report)).claim).toBe(report.claim);
}
