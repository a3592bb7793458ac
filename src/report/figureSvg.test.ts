import { describe, expect, it } from 'vitest';
import { figureSvg } from './figureSvg.js';
import type { FigureBlock, FigureTrace } from './schema.js';

/** Tags of an XML-ish string checked for balance; throws on a malformed tag or stray `<`/`&`. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const text = xml.replace(/<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g, (_m, close: string, name: string, _a, self: string) => {
    if (close === '/') {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> closes <${open}>`);
    } else if (self !== '/') stack.push(name);
    return '';
  });
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
  if (/</.test(text)) throw new Error(`stray '<' in ${text.slice(text.indexOf('<'), text.indexOf('<') + 40)}`);
  if (/&(?!(amp|lt|gt|quot|#\d+);)/.test(text)) throw new Error('unescaped &');
}

const figure = (traces: FigureTrace[], extra: Partial<FigureBlock> = {}): FigureBlock => ({
  kind: 'figure', id: 'f', title: 'T', xLabel: 'x', yLabel: 'y', traces, caption: 'c', ...extra,
});

const count = (s: string, re: RegExp): number => (s.match(re) ?? []).length;
/** The markup of each trace group (from its opening tag up to the next trace or the legend). */
const traceGroups = (svg: string): string[] => svg.split('<g class="trace"').slice(1).map((g) => g.split('<g class="legend"')[0]);
const circles = (s: string): { cx: number; cy: number }[] =>
  [...s.matchAll(/<circle cx="([-\d.]+)" cy="([-\d.]+)"/g)].map((m) => ({ cx: Number(m[1]), cy: Number(m[2]) }));

describe('figureSvg', () => {
  it('is well-formed, with one trace group per trace in order, and escapes every text', () => {
    // Arrange
    const hostile = `<b>a & b</b> "q"`;
    const fig = figure(
      [
        { name: hostile, x: [1, 2, 3], y: [3, 1, 2] },
        { name: 'bound', x: [1, 2, 3], y: [4, 4, 4], dash: true, mode: 'lines' },
        { name: 'pts', x: [1, 3], y: [0, 1], mode: 'markers' },
      ],
      { title: hostile, xLabel: hostile, yLabel: '</svg>' },
    );
    // Act
    const svg = figureSvg(fig);
    // Assert
    expect(() => assertWellFormed(svg)).not.toThrow();
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(count(svg, /<g class="trace"/g)).toBe(3);
    expect([...svg.matchAll(/data-trace="(\d+)"/g)].map((m) => m[1])).toEqual(['0', '1', '2']);
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;a &amp; b&lt;/b&gt; &quot;q&quot;');
    expect(count(svg, /<\/svg>/g)).toBe(1);
  });

  it('draws dashed traces dashed (line and legend sample), markers only for marker modes', () => {
    // Arrange
    const fig = figure([
      { name: 'solid', x: [0, 1, 2], y: [0, 1, 4] },
      { name: 'dashed', x: [0, 1, 2], y: [1, 2, 3], dash: true, mode: 'lines' },
      { name: 'dots', x: [0, 1], y: [2, 2], mode: 'markers' },
    ]);
    // Act
    const groups = traceGroups(figureSvg(fig));
    const legend = figureSvg(fig).match(/<g class="legend".*?<\/g>/)?.[0] ?? '';
    // Assert
    expect(groups).toHaveLength(3);
    expect(groups[0]).toMatch(/<path [^>]*stroke-width="2"\/>/);
    expect(groups[0]).not.toContain('stroke-dasharray');
    expect(count(groups[0], /<circle/g)).toBe(3);
    expect(groups[1]).toContain('stroke-dasharray');
    expect(count(groups[1], /<circle/g)).toBe(0);
    expect(groups[2]).not.toContain('<path');
    expect(count(groups[2], /<circle/g)).toBe(2);
    expect(count(legend, /stroke-dasharray/g)).toBe(1);
  });

  it('skips NaN and ±Infinity points and breaks the line there', () => {
    // Arrange
    const fig = figure([{ name: 'gappy', x: [0, 1, 2, 3, 4, Number.NaN], y: [1, Number.NaN, 3, Number.POSITIVE_INFINITY, 5, 6] }]);
    // Act
    const svg = figureSvg(fig);
    const group = traceGroups(svg)[0];
    // Assert
    expect(count(group, /<circle/g)).toBe(3);
    expect(count(group.match(/ d="([^"]*)"/)?.[1] ?? '', /M/g)).toBe(3);
    expect(svg).not.toMatch(/NaN|Infinity/);
  });

  it('on a log axis skips values ≤ 0 (stated in the file comment) and places the rest by log10', () => {
    // Arrange
    const fig = figure([{ name: 'log', x: [-1, 0, 1, 10, 100], y: [1, 2, 3, 4, 5] }], { xLog: true });
    // Act
    const svg = figureSvg(fig);
    const pts = circles(traceGroups(svg)[0]);
    // Assert
    expect(pts).toHaveLength(3);
    expect(pts[1].cx - pts[0].cx).toBeCloseTo(pts[2].cx - pts[1].cx, 0);
    const xTicks = [...svg.matchAll(/<text x="[\d.]+" y="[\d.]+" text-anchor="middle">([^<]*)<\/text>/g)].map((m) => Number(m[1]));
    expect(xTicks.length).toBeGreaterThanOrEqual(3);
    expect(xTicks.every((v) => v > 0)).toBe(true);
    expect(xTicks).toEqual(expect.arrayContaining([1, 10, 100]));
  });

  it('keeps every point inside the plot frame, larger x to the right and larger y upwards', () => {
    // Arrange
    const xs = [-3, -1, 0, 2, 7];
    const fig = figure([{ name: 'a', x: xs, y: xs.map((v) => v * v) }], { yLog: false });
    // Act
    const svg = figureSvg(fig, { width: 600, height: 300 });
    const frame = svg.match(/<g class="axes"[^>]*><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"/)?.slice(1).map(Number) ?? [];
    const pts = circles(traceGroups(svg)[0]);
    // Assert
    expect(svg).toContain('viewBox="0 0 600 300"');
    expect(frame).toHaveLength(4);
    const [left, top, w, h] = frame;
    for (const p of pts) {
      expect(p.cx).toBeGreaterThanOrEqual(left);
      expect(p.cx).toBeLessThanOrEqual(left + w);
      expect(p.cy).toBeGreaterThanOrEqual(top);
      expect(p.cy).toBeLessThanOrEqual(top + h);
    }
    expect(pts.map((p) => p.cx)).toEqual([...pts.map((p) => p.cx)].sort((a, b) => a - b));
    expect(pts[4].cy).toBeLessThan(pts[0].cy); // y=49 above y=9
  });

  it('draws figures without traces or drawable points, and rejects a size too small for the legend', () => {
    // Arrange
    const empty = figure([]);
    const undrawable = figure([{ name: 'none', x: [0, 1], y: [Number.NaN, -1] }], { yLog: true });
    // Act
    const emptySvg = figureSvg(empty);
    const undrawableSvg = figureSvg(undrawable);
    // Assert
    expect(() => assertWellFormed(emptySvg)).not.toThrow();
    expect(count(emptySvg, /<g class="trace"/g)).toBe(0);
    expect(traceGroups(undrawableSvg)).toHaveLength(1);
    expect(traceGroups(undrawableSvg)[0]).not.toMatch(/<path|<circle/);
    expect(() => figureSvg(empty, { width: 100 })).toThrow(/size too small/);
  });
});
