/**
 * The rendered report in a real browser: Debian's chromium, headless, driven by puppeteer-core
 * through checkReportInBrowser. No skip: without chromium this file fails and says how to install it.
 * The screenshot path is printed; with REPORT_SCREENSHOT_DIR set, the screenshot is copied there.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { checkReportInBrowser } from './browserCheck.js';
import { findChromium } from './findChromium.js';
import { renderHtml } from './renderHtml.js';
import { sampleReport } from './reportTestKit.js';

const INSTALL = 'chromium not found on PATH: apt-get install chromium (.ci/run installs it)';

/** A 12×12 RGB gradient PNG as a data URI, made with pngjs (deterministic). */
function gradientPngUri(): string {
  const png = new PNG({ width: 12, height: 12 });
  for (let i = 0; i < 12 * 12; i++) {
    png.data.set([(i % 12) * 21, Math.floor(i / 12) * 21, 160, 255], 4 * i);
  }
  return `data:image/png;base64,${PNG.sync.write(png).toString('base64')}`;
}

function chromiumOrFail(): string {
  const path = findChromium();
  if (path === undefined) throw new Error(INSTALL);
  return path;
}

const workDir = mkdtempSync(join(tmpdir(), 'soteria-report-browser-'));

describe('report HTML in headless chromium', () => {
  it('is installed (CI installs it; a missing browser fails, it is not skipped)', () => {
    // Arrange / Act
    const path = findChromium();
    // Assert
    expect(path, INSTALL).toBeDefined();
  });

  it('draws every figure, decodes every image, resolves every TOC link, with no console error or request', async () => {
    // Arrange
    const executablePath = chromiumOrFail();
    const doc = sampleReport(gradientPngUri());
    const htmlPath = join(workDir, 'index.html');
    const screenshotPath = join(workDir, 'report.png');
    writeFileSync(htmlPath, renderHtml(doc));
    // Act
    const result = await checkReportInBrowser(htmlPath, { screenshotPath, executablePath });
    console.log(`report screenshot: ${screenshotPath}`);
    const copyDir = process.env.REPORT_SCREENSHOT_DIR;
    if (copyDir !== undefined && copyDir !== '') {
      mkdirSync(copyDir, { recursive: true });
      copyFileSync(screenshotPath, join(copyDir, 'report-browser-test.png'));
      console.log(`report screenshot copied to: ${join(copyDir, 'report-browser-test.png')}`);
    }
    // Assert
    const figures = doc.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'figure').length;
    const images = doc.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'gallery' ? b.rows.flatMap((r) => r.images) : [])).length;
    expect(result).toMatchObject({ consoleErrors: [], failedRequests: [], brokenLinks: [], ready: true, ok: true });
    expect(result).toMatchObject({ figures, renderedFigures: figures, images, brokenImages: 0 });
    expect(figures).toBeGreaterThanOrEqual(2);
    expect(result.links).toBeGreaterThan(doc.sections.length);
    const shot = PNG.sync.read(readFileSync(screenshotPath));
    expect(shot.width).toBe(1280);
    expect(shot.height).toBeGreaterThan(900); // full page, not just the viewport
  });

  it('negative control: the checker reports console and page errors, external requests, undrawn figures, broken images and links', async () => {
    // Arrange: no plotly, CSP removed, a request to a closed local port, a dangling link, a script that errs
    const executablePath = chromiumOrFail();
    const sabotage = [
      '<img src="http://127.0.0.1:9/missing.png" alt="external">',
      '<a href="#nowhere">dangling</a>',
      "<script>console.error('deliberate console error'); throw new Error('deliberate page error');</script>",
    ].join('');
    const html = renderHtml(sampleReport(gradientPngUri()), { plotlySource: '' })
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
      .replace('</body>', `${sabotage}</body>`);
    const htmlPath = join(workDir, 'broken.html');
    writeFileSync(htmlPath, html);
    // Act
    const result = await checkReportInBrowser(htmlPath, { executablePath });
    // Assert
    expect(result.ok).toBe(false);
    expect(result.consoleErrors).toEqual(expect.arrayContaining(['deliberate console error', expect.stringMatching(/^pageerror: .*deliberate page error/)]));
    expect(result.failedRequests.some((u) => u.startsWith('http://127.0.0.1:9/missing.png'))).toBe(true);
    expect(result.figures).toBe(2);
    expect(result.renderedFigures).toBe(0);
    expect(result.images).toBe(4);
    expect(result.brokenImages).toBe(1);
    expect(result.brokenLinks).toEqual(['#nowhere']);
  });
});
