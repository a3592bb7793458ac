/**
 * The report document: plain JSON that `src/experiments` builds from run results and
 * `src/report` renders to one self-contained HTML file. The renderer knows nothing about Soteria;
 * every number it shows is in this document (style.md R5: reports are dumb).
 */

/** Version tag of {@link ReportDocument}; bump on incompatible changes. */
export const REPORT_SCHEMA = 'soteria-lab/report@1' as const;

/** One trace of a 2-D figure (a subset of plotly's scatter trace, so a static SVG can be drawn). */
export interface FigureTrace {
  readonly name: string;
  readonly x: readonly number[];
  readonly y: readonly number[];
  /** 'lines', 'markers' or 'lines+markers'. @default 'lines+markers' */
  readonly mode?: 'lines' | 'markers' | 'lines+markers';
  /** Hover text per point (e.g. the defense parameter). */
  readonly text?: readonly string[];
  /** Dashed line (used for bounds/envelopes). */
  readonly dash?: boolean;
}

/** A 2-D line/scatter figure; rendered interactively with plotly and as a static SVG fallback. */
export interface FigureBlock {
  readonly kind: 'figure';
  readonly id: string;
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xLog?: boolean;
  readonly yLog?: boolean;
  readonly traces: readonly FigureTrace[];
  /** One-paragraph caption: what is plotted and how it was computed. */
  readonly caption: string;
}

/** A table of plain values. */
export interface TableBlock {
  readonly kind: 'table';
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
  readonly caption?: string;
}

/** One image of a gallery, as a PNG data URI (`data:image/png;base64,...`). */
export interface GalleryImage {
  readonly src: string;
  /** Text under the image (e.g. "Soteria 40 % · PSNR 12.3 · SSIM 0.41"). */
  readonly label: string;
}

/** Rows of images (e.g. reconstructions against pruning rate). */
export interface GalleryBlock {
  readonly kind: 'gallery';
  readonly id: string;
  readonly title: string;
  readonly rows: readonly { readonly label: string; readonly images: readonly GalleryImage[] }[];
  readonly caption?: string;
}

/** Free text (paragraphs separated by blank lines; rendered escaped, never as HTML). */
export interface TextBlock {
  readonly kind: 'text';
  readonly text: string;
}

/** Any block. */
export type ReportBlock = FigureBlock | TableBlock | GalleryBlock | TextBlock;

/** One section of the report (a paper figure, table, or the verdicts). */
export interface ReportSection {
  readonly id: string;
  readonly title: string;
  /** The config and seed that produced the section (shown verbatim as JSON). */
  readonly config: unknown;
  readonly seed: number;
  readonly blocks: readonly ReportBlock[];
}

/** Provenance shown at the end of the report. */
export interface ReportProvenance {
  readonly command: string;
  readonly packages: Readonly<Record<string, string>>;
  readonly backend: string;
  readonly node: string;
  readonly seeds: readonly number[];
  readonly configHashes: Readonly<Record<string, string>>;
  /** Wall-clock seconds per section id, and 'total'. */
  readonly runSeconds: Readonly<Record<string, number>>;
  readonly createdAt: string;
}

/** The whole report. */
export interface ReportDocument {
  readonly schema: typeof REPORT_SCHEMA;
  readonly title: string;
  readonly preset: string;
  readonly sections: readonly ReportSection[];
  readonly provenance: ReportProvenance;
}
