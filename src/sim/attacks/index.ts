/** Public barrel of the attacks: wire-only inputs, plain-data results (style.md §2.3). */
export type * from './types.js';
export { dlg, DLG_DEFAULT_STEPS } from './dlg.js';
export type { DlgOptions } from './dlg.js';
export { idlg } from './idlg.js';
export type { IdlgOptions, IdlgResult } from './idlg.js';
export { analyticDense } from './analyticDense.js';
export type { AnalyticDenseResult } from './analyticDense.js';
export { selectGradients } from './selectGradients.js';
export { lastLayer } from './lastLayer.js';
export { selectedDlgObjective, makeDlgClosure } from './dlgClosure.js';
export type { DlgLayout } from './dlgClosure.js';
export { parameterGradients, dlgObjective, dlgValueAndGrads, targetGradients } from './dlgObjective.js';
export type { DlgEvaluation } from './dlgObjective.js';
