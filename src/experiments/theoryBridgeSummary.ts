/**
 * Human lines for a float32 bridge report (`soteria-lab check theorem1 --bridge lenet` without
 * --json): per sample, the rank and null space of J, the feature range, and each Gauss–Newton
 * step with its residuals and Theorem 1's ρ (p = 2, operator reading). Type-only imports, so the
 * float64 claims never load tfjs through this file.
 */
import type { ClaimReport } from '../theory/index.js';
import type { BridgeReport } from './theoryBridgeLenet.js';
import type { StepResult } from './theoryBridgeStep.js';

const g = (x: number): string => (Math.abs(x) >= 1e4 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(3) : x.toPrecision(4));

function stepLine(label: string, s: StepResult): string {
  const rho = s.ratios['p=2/operator'].rho;
  return `    ${label.padEnd(16)} ‖δX‖ ${g(s.stepNorm)}, outside range(J) ${g(s.rangeResidual)}, GN residual ${g(s.linearisationResidual)}, X′ ∈ [${g(s.xPrimeRange[0])}, ${g(s.xPrimeRange[1])}], ρ(p=2, operator) ${g(rho)}`;
}

const isBridge = (r: ClaimReport): r is BridgeReport => 'bridge' in r && (r as { bridge?: { kind?: string } }).bridge?.kind === 'float32 bridge';

/**
 * Summary lines of the bridge's measurements.
 * @returns [] for every report that is not a bridge report.
 */
export function bridgeSummaryLines(r: ClaimReport): string[] {
  if (!isBridge(r)) return [];
  const b = r.bridge;
  const lines = ['', `float32 bridge: ${b.model} ${b.inputShape.join('×')} → r ∈ R^${b.representationSize}, X ∈ R^${b.inputSize}, backend ${b.backend.name}`];
  for (const s of b.perSample) {
    const j = s.jacobian;
    lines.push(
      `  sample ${s.index}: rank ${j.rank} (${j.rankAtLTolerance} at tolerance L·2⁻²³) of ${j.rows}, null space ${j.nullity} ≥ ${j.nullityLowerBound}, σ ∈ [${j.sigmaMinResolved ? '' : '< '}${g(j.sigmaMin)}, ${g(j.sigmaMax)}], r ∈ [${g(s.features.min)}, ${g(s.features.max)}]`,
      ...s.pruned.map((p) => stepLine(`pruned ${p.percent}% (${p.count})`, p)),
      stepLine(`tight ${g(s.tight.radius)}·‖r‖`, s.tight),
    );
  }
  return lines;
}
