/**
 * The float32 bridge from the simulator's DLG LeNet to Theorem 1 (Soteria, arXiv 2012.06043,
 * Lemma 1, Assumption 1, Theorem 1 eq. 9; theory-spec §3.3 and §4.4; style.md §7 item 7).
 * For a few seeded inputs X it reads r = f(X) and J = ∂r/∂X from tfjs as float64, reports the
 * assumptions as data (rank and null space of J, range of the sigmoid features), takes
 * min-norm Gauss–Newton steps towards Soteria-pruned r′ and a tight-direction control, and
 * measures Theorem 1's ρ on those pairs. Every number derived from tfjs carries the float32
 * tolerance note. The claim is `inapplicable` on this map: Assumption 1 fails by construction.
 */
import { initBackend, TOL, disposeParams, type BackendInfo } from '../tensor/index.js';
import { inapplicable, type ClaimReport } from '../theory/index.js';
import { lenetDlg } from '../sim/models/lenetDlg.js';
import { resolveBridgeOptions, type BridgeOptions, type ResolvedBridgeOptions } from './theoryBridgeOptions.js';
import { assumptionFamilies, ratioFamilies, stepFamilies } from './theoryBridgeReport.js';
import { bridgeSample, type SampleResult } from './theoryBridgeSample.js';

/** Stated on every bridge report: where the float32 error enters and which tolerances absorb it. */
export const BRIDGE_TOLERANCE_NOTE =
  'float32 bridge: r and J come from tfjs float32 (J relative error ~1e-6) and are read as float64; rank tolerance σ_max·max(L,D)·2⁻²³ (numpy matrix_rank for float32), rank at σ_max·L·2⁻²³ also given; σ below σ_max·√(L·2⁻⁵²) are unresolved by the float64 Gram J Jᵀ; ρ ≥ 1 decided with relative tolerance TOL.float32 = 1e-4';

/** The report: a ClaimReport (claim theorem1) plus the bridge's raw measurements. */
export interface BridgeReport extends ClaimReport {
  readonly bridge: {
    readonly kind: 'float32 bridge';
    readonly model: 'lenetDlg';
    readonly inputShape: readonly [number, number, number];
    readonly representationSize: number;
    readonly inputSize: number;
    readonly pruneRule: string;
    readonly backend: BackendInfo;
    readonly toleranceNote: string;
    readonly ratioTolerance: number;
    readonly perSample: readonly SampleResult[];
  };
}

function measureSamples(o: ResolvedBridgeOptions): SampleResult[] {
  const model = lenetDlg({ inputShape: o.inputShape });
  const params = model.init(o.seed);
  const perSample: SampleResult[] = [];
  try {
    for (let i = 0; i < o.samples; i++) {
      const s = bridgeSample(model, params, o, i);
      perSample.push(s);
      o.log(`bridge: sample ${i + 1}/${o.samples}: rank ${s.jacobian.rank}/${s.jacobian.rows}, ${((s.timingsMs.jacobian + s.timingsMs.gram + s.timingsMs.steps) / 1000).toFixed(1)} s`);
    }
  } finally {
    disposeParams(params);
  }
  return perSample;
}

function bridgeNotes(L: number, D: number): string[] {
  return [
    BRIDGE_TOLERANCE_NOTE,
    'Families lenet/<target>/p=<p>/<reading> are the "assumption violated" panel of theory-spec §4.4: X′ = X + J⁺(r′ − r) (one min-norm Gauss–Newton step), ρ measured against r″ = f(X′) from tfjs; X′ is one preimage of r″, not f⁻¹(r′).',
    `Targets: Soteria-pruned r′ (notebook score ‖J_i‖₂/r_i from the float64 J, exact rule ⌊p·${L}/100⌋ features) and the tight control r′ = r − ρ_r‖r‖u₁ (theory-spec §4.4 ii); p ∈ {1, 2, ∞} (p = 4 omitted: its operator norm needs a power method on a ${L}×${D} matrix).`,
    'lenet/tight/gaussNewton (control) must hold: it checks the Jacobian and the step where the linearisation is valid.',
  ];
}

/**
 * Run the bridge on `lenetDlg` with weights `model.init(seed)`.
 * @param options - seed @default 0, samples @default 2, inputShape @default [32, 32, 3],
 *   pruneRates @default [10, 40], tightRadius @default 1e-3, backend @default 'auto'.
 */
export async function bridgeLenetTheorem1(options: BridgeOptions = {}): Promise<BridgeReport> {
  const o = resolveBridgeOptions(options);
  const t0 = performance.now();
  const backend = await initBackend(o.backend);
  const perSample = measureSamples(o);
  const assumptions = assumptionFamilies(perSample);
  const ratios = [
    ...o.pruneRates.flatMap((p, k) => ratioFamilies(`pruned=${p}%`, perSample.map((s) => s.pruned[k]))),
    ...ratioFamilies('tight', perSample.map((s) => s.tight)),
  ];
  const injectivity = assumptions[0].verdict;
  const why = injectivity.status === 'inapplicable' ? injectivity : inapplicable('J has full column rank');
  const { rows: L, cols: D } = perSample[0].jacobian;
  return {
    claim: 'theorem1',
    statement: `[float32 bridge] Theorem 1 on the DLG LeNet (${o.inputShape.join('×')} → r ∈ R^${L}): ‖X − X′‖_p ≥ ‖r − r′‖_p / ‖∇_X f‖_p under Assumption 1`,
    verdict: inapplicable(`Assumption 1 fails on this map: ${why.reason}; and pruned r′ lies outside the range (0,1)^${L} of f`, why.details),
    cases: ratios.reduce((s, f) => s + f.cases, 0),
    violations: ratios.reduce((s, f) => s + f.violations, 0),
    counterexample: null,
    families: [...assumptions, ...stepFamilies(perSample), ...ratios],
    seed: o.seed,
    samples: o.samples,
    runtimeMs: performance.now() - t0,
    notes: bridgeNotes(L, D),
    bridge: {
      kind: 'float32 bridge',
      model: 'lenetDlg',
      inputShape: o.inputShape,
      representationSize: L,
      inputSize: D,
      pruneRule: "Soteria notebook score ‖∂r_i/∂X‖₂/r_i, percentileMask rule 'exact'",
      backend,
      toleranceNote: BRIDGE_TOLERANCE_NOTE,
      ratioTolerance: TOL.float32,
      perSample,
    },
  };
}
