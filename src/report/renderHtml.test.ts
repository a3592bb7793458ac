import { describe, expect, it } from 'vitest';
import { plotlyFigure } from './plotlyFigure.js';
import { readPlotlySource } from './plotlySource.js';
import { renderHtml } from './renderHtml.js';
import { HOSTILE_TEXT, sampleReport } from './reportTestKit.js';
import type { FigureBlock, ReportDocument } from './schema.js';

/** A syntactically valid PNG data URI (content is irrelevant for string-level checks). */
const PNG = 'data:image/png;base64,iVBORw0KGgo=';
const FAKE_PLOTLY = 'window.FAKE_PLOTLY = true;';
const count = (s: string, part: string): number => s.split(part).length - 1;
const figuresOf = (doc: ReportDocument): FigureBlock[] =>
  doc.sections.flatMap((s) => s.blocks.filter((b): b is FigureBlock => b.kind === 'figure'));

describe('renderHtml', () => {
  it('inlines the real plotly.js exactly once and references nothing outside the page', () => {
    // Arrange
    const plotly = readPlotlySource();
    // Act
    const html = renderHtml(sampleReport(PNG));
    const page = html.replace(plotly, '');
    // Assert
    expect(plotly).toContain('plotly.js v4.1.2');
    expect(count(html, plotly)).toBe(1);
    expect(count(html, 'plotly.js v4.1.2')).toBe(1);
    expect((page.match(/https?:\/\/[^\s"'<)]*/g) ?? []).filter((u) => u !== 'http://www.w3.org/2000/svg')).toEqual([]);
    expect([...page.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]).filter((u) => !/^(data:|#)/.test(u))).toEqual([]);
    expect(page).toContain('<link rel="icon" href="data:,">');
    expect(page).toContain("default-src 'none'");
  });

  it('escapes all document text: no markup from the document, JSON in <script> cannot end the element', () => {
    // Arrange
    const doc = sampleReport(PNG);
    // Act
    const html = renderHtml(doc, { plotlySource: FAKE_PLOTLY });
    const json = html.match(/<script type="application\/json" id="report-figures">(.*?)<\/script>/s)?.[1] ?? '';
    // Assert
    expect(html).not.toContain('<script>window.pwned');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;window.pwned = 1&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot; &#39;single&#39;');
    expect(json).not.toMatch(/<\/script|<!--|[\u2028\u2029]/i);
    expect(JSON.parse(json)).toEqual({
      config: { responsive: true, displaylogo: false },
      figures: JSON.parse(JSON.stringify(figuresOf(doc).map(plotlyFigure))),
    });
    expect(HOSTILE_TEXT).toMatch(/<\/script[\s\S]*\u2028/);
    expect(JSON.stringify(JSON.parse(json))).toContain('&lt;script&gt;window.pwned'); // hover text, escaped for plotly's pseudo-HTML
  });

  it('has a TOC entry per section and titled block, a figure target + static SVG per figure, config and seed per section', () => {
    // Arrange
    const doc = sampleReport(PNG);
    // Act
    const html = renderHtml(doc, { plotlySource: FAKE_PLOTLY });
    const toc = html.match(/<nav id="toc">.*?<\/nav>/s)?.[0] ?? '';
    // Assert
    for (const s of doc.sections) {
      expect(toc).toContain(`href="#${s.id}"`);
      expect(html).toContain(`<section id="${s.id}">`);
      expect(html).toContain(`Seed <code>${s.seed}</code>`);
      for (const b of s.blocks) if (b.kind !== 'text') expect(toc).toContain(`href="#${b.id}"`);
    }
    expect(toc).toContain('href="#provenance"');
    expect(count(html, '<details class="config">')).toBe(doc.sections.length);
    expect(html).toContain('&quot;defenses&quot;: [');
    const figures = figuresOf(doc).length;
    expect([...html.matchAll(/data-report-figure="(\d+)"/g)].map((m) => Number(m[1]))).toEqual([...Array(figures).keys()]);
    expect(count(html, '<svg xmlns=')).toBe(figures);
    expect(count(html, `<img src="${PNG}"`)).toBe(3);
    expect(html.indexOf('<section id="provenance">')).toBeGreaterThan(html.lastIndexOf('<section id="fig6">'));
    expect(html).toContain('title="160.123456789"');
  });

  it("with plotlySource '' inlines no plotly; refuses a plotly source that would close its <script>", () => {
    // Arrange
    const doc = sampleReport(PNG);
    // Act
    const html = renderHtml(doc, { plotlySource: '' });
    // Assert
    expect(count(html, '<script>')).toBe(1); // the boot script only
    expect(() => renderHtml(doc, { plotlySource: 'a = "</script>";' })).toThrow(/plotlySource/);
  });

  it('rejects documents it cannot render faithfully, naming the problem', () => {
    // Arrange
    const base = sampleReport(PNG);
    const [s0, s1] = base.sections;
    const withSection0 = (blocks: ReportDocument['sections'][number]['blocks']): ReportDocument => ({ ...base, sections: [{ ...s0, blocks }, s1] });
    const fig = s0.blocks[0] as FigureBlock;
    // Act / Assert
    expect(() => renderHtml({ ...base, schema: 'other@1' as never })).toThrow(/unknown schema/);
    expect(() => renderHtml({ ...base, sections: [s0, { ...s1, id: 'fig5' }] })).toThrow(/duplicate or reserved id .*"fig5"/);
    expect(() => renderHtml({ ...base, sections: [{ ...s0, id: 'provenance' }, s1] })).toThrow(/reserved/);
    expect(() => renderHtml({ ...base, sections: [{ ...s0, id: 'has space' }, s1] })).toThrow(/whitespace/);
    expect(() => renderHtml({ ...base, sections: [{ ...s0, seed: Number.NaN }, s1] })).toThrow(/seed/);
    expect(() => withSection0([{ ...fig, traces: [{ name: 'a', x: [1, 2], y: [1] }] }])).not.toThrow();
    expect(() => renderHtml(withSection0([{ ...fig, traces: [{ name: 'a', x: [1, 2], y: [1] }] }]))).toThrow(/x and y differ/);
    expect(() => renderHtml(withSection0([{ ...fig, traces: [{ name: 'a', x: [1], y: [1], text: [] }] }]))).toThrow(/text length/);
    expect(() => renderHtml(withSection0([{ kind: 'table', id: 't', title: 't', columns: ['a', 'b'], rows: [[1]] }]))).toThrow(/wrong number of cells/);
    const external = { kind: 'gallery', id: 'g', title: 'g', rows: [{ label: 'r', images: [{ src: 'http://x/y.png', label: 'l' }] }] } as const;
    expect(() => renderHtml(withSection0([external]))).toThrow(/not a PNG data URI/);
    expect(() => renderHtml(withSection0([{ kind: 'chart' } as never]))).toThrow(/unknown block kind/);
  });
});
