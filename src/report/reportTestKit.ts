/**
 * A sample report document with every block kind, for the renderer's tests (string-level and
 * real-browser). Deterministic: curves are closed-form, the caller supplies the image.
 */
import { REPORT_SCHEMA, type ReportDocument } from './schema.js';

/** Text that would be markup if it were not escaped (the tests look for it verbatim). */
export const HOSTILE_TEXT = `<script>window.pwned = 1</script> & <b>bold</b> "quoted" 'single' </script\u2028`;

const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));

/**
 * Two sections: a log-x figure (dashed trace, hover text, a NaN and a non-positive x) and a table;
 * `HOSTILE_TEXT` appears in a figure title, hover text, config, table cell and text block;
 * then a gallery of `imageSrc` (a PNG data URI), a linear figure with a dashed envelope, and text.
 */
export function sampleReport(imageSrc: string): ReportDocument {
  const sigma = range(6, (i) => 10 ** (i - 4));
  return {
    schema: REPORT_SCHEMA,
    title: 'Sample report',
    preset: 'test',
    sections: [
      {
        id: 'fig5',
        title: 'Fig. 5 — accuracy vs MSE',
        config: { attack: 'dlg', defenses: ['soteria', 'dpGaussian'], note: HOSTILE_TEXT },
        seed: 7,
        blocks: [
          {
            kind: 'figure', id: 'fig5-mnist', title: `MSE vs noise ${HOSTILE_TEXT}`, xLabel: 'σ (log)', yLabel: 'MSE', xLog: true,
            traces: [
              { name: 'DP-Gaussian', x: [0, ...sigma], y: [1, ...sigma.map((s) => 1 - Math.exp(-s))], text: [`σ=0 ${HOSTILE_TEXT}`, ...sigma.map((s) => `σ=${s}`)] },
              { name: 'bound', x: sigma, y: sigma.map((s, i) => (i === 2 ? Number.NaN : 1.2 - Math.exp(-2 * s))), dash: true, mode: 'lines' },
            ],
            caption: 'MSE of the reconstruction against the noise scale; the dashed line is a bound.',
          },
          { kind: 'table', id: 'fig5-table', title: 'Ratios', columns: ['defense', 'ratio', 'n'], rows: [['soteria', 160.123456789, 3], ['gc', null, 4], [HOSTILE_TEXT, 0.5, 5]] },
        ],
      },
      {
        id: 'fig6',
        title: 'Fig. 6 — galleries',
        config: { pruning: [0.2, 0.8] },
        seed: 11,
        blocks: [
          {
            kind: 'gallery', id: 'fig6-gallery', title: 'Reconstructions',
            rows: [
              { label: 'Soteria', images: [{ src: imageSrc, label: '20 % · PSNR 12.3' }, { src: imageSrc, label: '80 % · PSNR 9.1' }] },
              { label: 'GC', images: [{ src: imageSrc, label: '20 % · PSNR 20.5' }] },
            ],
            caption: 'Reconstructions against pruning rate.',
          },
          {
            kind: 'figure', id: 'fig7-convergence', title: 'Loss vs round', xLabel: 'round', yLabel: 'loss gap', yLog: true,
            traces: [
              { name: 'FedAvg', x: range(20, (i) => i), y: range(20, (i) => 2 * 0.8 ** i + 0.01) },
              { name: 'envelope', x: range(20, (i) => i), y: range(20, (i) => 3 * 0.85 ** i + 0.02), dash: true, mode: 'lines' },
            ],
            caption: 'Convergence with the Theorem 2 envelope.',
          },
          { kind: 'text', text: `First paragraph.\n\nSecond paragraph: ${HOSTILE_TEXT}` },
        ],
      },
    ],
    provenance: {
      command: 'soteria-lab report --preset test --seed 7',
      packages: { 'plotly.js-dist-min': '4.1.2', '@tensorflow/tfjs': '4.22.0' },
      backend: 'cpu',
      node: 'v20.20.2',
      seeds: [7, 11],
      configHashes: { fig5: 'a'.repeat(64), fig6: 'b'.repeat(64) },
      runSeconds: { fig5: 1.234567, fig6: 2.5, total: 3.734567 },
      createdAt: '2026-11-25T13:00:00.000Z',
    },
  };
}
