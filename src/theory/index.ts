/**
 * Public API of the float64 theory layer (style.md R6: named exports only).
 */
export type { ClaimName, ClaimReport, CheckOptions, FamilyResult } from './claimReport.js';
export type { DecidedVerdict, InapplicableVerdict, Verdict } from './verdict.js';
export { assertHolds, decide, inapplicable } from './verdict.js';
export type { Mat, NormReading, PNorm, TheoryMap, Vec } from './types.js';
export { checkLemma1, lemma1CaseArb, type Lemma1Case, type Lemma1Options } from './lemma1InverseJacobian.js';
export { lemma1Residual } from './lemma1Residual.js';
export { lemma1Controls } from './lemma1Controls.js';
export { checkTheorem1, witnessResults, THEOREM1_TOL, type Theorem1Options } from './theorem1ReconstructionBound.js';
export { theorem1CaseArb, theorem1Map, type Theorem1Case } from './theorem1Families.js';
export { measureTheorem1, ratioKey, P_VALUES, READINGS } from './theorem1Measure.js';
export { sampleRPrime, exactScores, topK, type SamplingMode } from './theorem1Pair.js';
export { averagedJacobian } from './correctedBounds.js';
export { checkAlgorithm1, type Algorithm1Case } from './algorithm1Subchecks.js';
export { buildMap, samplePoint, affineMap, type MapFamily, type MapSpec } from './maps/buildMap.js';
export { theorem1Witnesses, type Witness } from './maps/witnessMaps.js';
export { wrapUserMap, type UserMapParts } from './maps/wrapUserMap.js';
export { checkLemma1OnMap, checkTheorem1OnMap } from './userMapChecks.js';
export { operatorNorm, entrywiseNorm, schattenNorm, jacobianNorm, type NormBounds } from './matrixNorms.js';
export { svd, singularValues, conditionNumber, pinv } from './svd.js';
export { luFactor } from './lu.js';
export { eigsSym, invReference } from './linalg.js';
export { fdJacobian, UNIT_ROUNDOFF } from './finiteDifference.js';
export { gaussLegendre } from './gaussLegendre.js';
export { makeTheoryRng, type TheoryRng } from './random.js';
export { conditionedMatrix, haarOrthogonal } from './orthogonal.js';
export { matMul, matVec, transpose, identity, vecNorm, frobenius } from './dense.js';
export { checkTheorem2, runTheorem2, type Theorem2Config, type Theorem2Run } from './theorem2/theorem2ConvergenceEnvelope.js';
export { theorem2Vacuity, type VacuityOptions } from './theorem2/theorem2Vacuity.js';
export { makeLrProblem, syntheticLrData, prunedIndices, type DeviceData, type LrProblemOptions, type SyntheticLrOptions } from './theorem2/makeLrProblem.js';
export { globalLossGrad, gradJvp, singleDevice, type LrProblem, type LrDevice } from './theorem2/lrProblem.js';
export { solveOptimum, solveDefendedFixedPoint, type OptimumResult } from './theorem2/solvers.js';
export { simulateFedAvg, type FedScheme, type FedAvgOptions } from './theorem2/fedAvgSim.js';
export { envelope, closedFormConstants, empiricalConstants, smoothnessUpper, type Theorem2Constants } from './theorem2/theorem2Constants.js';
export { checkpointGrid, tQuantile95 } from './theorem2/envelopeRun.js';
