/**
 * Fig. 7 of Soteria (arXiv 2012.06043 §6.3, Theorem 2): FedAvg convergence with and without the
 * defense. (a) float64 LR on a synthetic problem: mean optimality gap F(W_T) − F* over seeds with
 * and without the defense and the Theorem 2 envelope, on the same axes; (b) the simulator's
 * LR + FedAvg on MNIST, test loss per round with and without the defense.
 */
import type { FigureBlock, ReportBlock } from '../../report/schema.js';
import { cellId, type CellSpec, type Theorem2CellSpec, type TrainCellSpec } from './cellSpec.js';
import type { TrainCellResult } from './cellRecord.js';
import type { Fig7Config } from './reportPlan.js';
import type { Theorem2CellResult } from './runTheoryCell.js';
import { missingNote, resultOf, type CellResults, type SectionOutput } from './sectionKit.js';

/** The Theorem-2 cell of Fig. 7 (also feeds the verdict table). */
export function fig7Theorem2Spec(cfg: Fig7Config): Theorem2CellSpec {
  return { kind: 'theorem2', config: cfg.theorem2, seedCount: cfg.seedCount, seed: cfg.seed };
}

function trainSpecs(cfg: Fig7Config): { off: TrainCellSpec; on: TrainCellSpec } | null {
  const t = cfg.train;
  if (t === null) return null;
  const spec = (defense: TrainCellSpec['defense']): TrainCellSpec => ({ kind: 'train', preset: t.preset, rounds: t.rounds, defense, seed: t.seed });
  return { off: spec({ kind: 'none' }), on: spec(t.defense) };
}

/**
 * The cells of Fig. 7.
 * @param cfg - the section config.
 * @returns the Theorem-2 cell and the two training cells.
 */
export function fig7Cells(cfg: Fig7Config): CellSpec[] {
  const t = trainSpecs(cfg);
  return [fig7Theorem2Spec(cfg), ...(t === null ? [] : [t.off, t.on])];
}

function envelopeFigure(r: Theorem2CellResult): FigureBlock {
  const c = r.curves;
  return {
    kind: 'figure', id: 'fig7-envelope', title: 'Theorem 2: optimality gap and envelope (float64 LR, synthetic devices)', xLabel: 'local SGD steps T', yLabel: 'F(W_T) − F*', xLog: true, yLog: true,
    traces: [
      { name: 'with the defense (mean over seeds)', x: c.T, y: c.defended },
      { name: 'without the defense (mean over seeds)', x: c.T, y: c.undefended },
      { name: 'Theorem 2 envelope (closed-form constants)', x: c.T, y: c.envelopeClosed, dash: true, mode: 'lines' },
      { name: 'envelope with measured constants', x: c.T, y: c.envelopeEmpirical, dash: true, mode: 'lines' },
    ],
    caption: `Mean gap over ${r.report.samples} seed(s) of FedAvg on an L2-regularised multinomial LR (config above: ${r.config.devices} devices, d ${r.config.d}, C ${r.config.C}, λ ${r.config.lambda}, ε ${r.config.eps} pruned entries, K ${r.config.K}, I ${r.config.I}, scheme ${r.config.scheme}) with η_t = 2/(μ(γ+t)). The curves are the check's own runs: the defended run and its ε = 0 control. The dashed curves are RHS(T) of Theorem 2 with closed-form (upper-bound) constants, and with constants measured along the runs (the check's empirical-constants family). Verdict in the verdict table.`,
  };
}

function lossFigure(train: NonNullable<Fig7Config['train']>, off: TrainCellResult | undefined, on: TrainCellResult | undefined): FigureBlock {
  const trace = (name: string, r: TrainCellResult | undefined) => {
    const pts = (r?.history ?? []).filter((h) => h.loss !== null);
    return { name, x: pts.map((h) => h.round), y: pts.map((h) => h.loss as number) };
  };
  return {
    kind: 'figure', id: 'fig7-loss', title: `LR + FedAvg on MNIST (preset ${train.preset}): test loss per round`, xLabel: 'round', yLabel: 'test cross entropy', yLog: true,
    traces: [trace('no defense', off), trace(on?.defense ?? 'with the defense', on)],
    caption: `The simulator's float32 FedAvg with the ${train.preset} preset for ${train.rounds} round(s), seed ${train.seed}, without and with ${JSON.stringify(train.defense)} (paper §6.3: ε = 50 of 784 pixels).`,
  };
}

/**
 * Build the Fig. 7 section.
 * @param cfg - the section config.
 * @param cells - finished cells.
 * @returns the section and cell ids (the Theorem-2 verdict is read by the verdict section).
 */
export function buildFig7(cfg: Fig7Config, cells: CellResults): SectionOutput {
  const t2 = resultOf<Theorem2CellResult>(cells, fig7Theorem2Spec(cfg));
  const blocks: ReportBlock[] = [];
  if (t2 !== undefined) blocks.push(envelopeFigure(t2));
  const t = trainSpecs(cfg);
  if (t !== null && cfg.train !== null) blocks.push(lossFigure(cfg.train, resultOf<TrainCellResult>(cells, t.off), resultOf<TrainCellResult>(cells, t.on)));
  const note = missingNote(fig7Cells(cfg).filter((s) => !cells.has(cellId(s))).length);
  if (note !== null) blocks.push({ kind: 'text', text: note });
  return { section: { id: 'fig7', title: 'Fig. 7 — convergence with the defense and the Theorem 2 envelope', config: cfg, seed: cfg.seed, blocks }, claims: [], cellIds: fig7Cells(cfg).map(cellId) };
}
