/**
 * The human summary of `soteria-lab bench`: one row per workload (median and minimum ms per
 * iteration, iterations, and with --vs-torch the PyTorch times and the ratios).
 */
import type { BenchReport } from './benchReport.js';

const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const pad = (cells: readonly string[], widths: readonly number[]): string => cells.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();

/**
 * Format a bench report as an aligned text table.
 * @returns multi-line text.
 */
export function formatBench(r: BenchReport): string {
  const torch = r.torch?.available === true ? r.torch : undefined;
  const header = ['workload', 'median ms', 'min ms', 'iters', 'backend', 'threads', ...(torch ? ['torch median', 'torch min', '× median', '× min', '× mean'] : [])];
  const rows = r.results.map((x) => {
    const t = torch?.results.find((y) => y.name === x.torchName);
    const ratio = r.ratios?.find((y) => y.name === x.name);
    const extra = torch ? (t && ratio ? [ms(t.medianMs), ms(t.minMs), ratio.medianRatio.toFixed(2), ratio.minRatio.toFixed(2), ratio.meanRatio.toFixed(2)] : ['–', '–', '–', '–', '–']) : [];
    return [x.name, ms(x.medianMs), ms(x.minMs), String(x.iterations), x.backend, String(x.threads), ...extra];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const lemma = r.results.find((x) => x.name === 'theory-lemma1');
  return [
    `soteria-lab bench on ${r.backend.detail} (ms per iteration over ${r.results[0]?.passes ?? 0} interleaved passes)`,
    pad(header, widths),
    ...rows.map((row) => pad(row, widths)),
    ...(lemma ? [`theory-lemma1: ${lemma.perSecond.toFixed(1)} checks/s (${ms(lemma.medianMs)} ms median per check)`] : []),
    ...(r.torch && !r.torch.available ? [`no PyTorch comparison: ${r.torch.reason}`] : []),
    ...(torch ? [`PyTorch: ${torch.results[0]?.backend ?? '-'} via ${torch.python}; ratio = tfjs / PyTorch (> 1: tfjs slower)`] : []),
    `reproduce: ${r.provenance.command}`,
  ].join('\n');
}
