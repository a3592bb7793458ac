/**
 * Loads a report HTML file in headless Chromium (puppeteer-core driving the system browser) and
 * reports what a reader would hit: console errors and uncaught page errors, requests to anything
 * but file:/data: URLs, figures plotly did not draw, images that did not decode, table-of-contents
 * links without a target. Optionally saves a full-page screenshot.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium } from './findChromium.js';

/** Options of {@link checkReportInBrowser}. */
export interface BrowserCheckOptions {
  /** Where to save a full-page PNG screenshot (parent folders are created). @default none */
  readonly screenshotPath?: string;
  /** Chromium to drive. @default findChromium() */
  readonly executablePath?: string;
  /** Limit for loading the page and for plotly to draw every figure, in ms. @default 30000 */
  readonly timeoutMs?: number;
}

/** What the browser saw; `ok` is true when nothing is wrong. */
export interface BrowserCheckResult {
  /** Console messages of type error, and uncaught exceptions (prefixed `pageerror:`). */
  readonly consoleErrors: readonly string[];
  /** URLs requested that are not file: or data:, and requests that failed. */
  readonly failedRequests: readonly string[];
  readonly figures: number;
  /** Figures whose container holds plotly's `.main-svg`. */
  readonly renderedFigures: number;
  readonly images: number;
  /** Images that did not decode (naturalWidth 0). */
  readonly brokenImages: number;
  readonly links: number;
  /** In-page `#…` links whose target id does not exist. */
  readonly brokenLinks: readonly string[];
  /** Whether the page's script signalled that all figures were settled (`data-report-ready`). */
  readonly ready: boolean;
  readonly ok: boolean;
}

/** Runs in the page; a string so that no transpiler helper leaks into the serialised code. */
const INSPECT_PAGE = `(async () => {
  const figures = Array.from(document.querySelectorAll('[data-report-figure]'));
  const images = Array.from(document.images);
  await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
  const links = Array.from(document.querySelectorAll('a[href^="#"]')).map((a) => a.getAttribute('href'));
  return {
    figures: figures.length,
    renderedFigures: figures.filter((el) => el.querySelector('.main-svg') !== null).length,
    images: images.length,
    brokenImages: images.filter((img) => !img.complete || img.naturalWidth === 0).length,
    links: links.length,
    brokenLinks: links.filter((h) => document.getElementById(decodeURIComponent(h.slice(1))) === null),
  };
})()`;

type PageFacts = Pick<BrowserCheckResult, 'figures' | 'renderedFigures' | 'images' | 'brokenImages' | 'links' | 'brokenLinks'>;

/**
 * Opens `htmlPath` (a file on disk) in headless Chromium and reports what went wrong.
 * Throws when no Chromium is installed (message: `apt-get install chromium`) or puppeteer-core is missing.
 */
export async function checkReportInBrowser(htmlPath: string, options: BrowserCheckOptions = {}): Promise<BrowserCheckResult> {
  const executablePath = options.executablePath ?? findChromium();
  if (executablePath === undefined) {
    throw new Error('checkReportInBrowser: no chromium found (got none on PATH or in CHROMIUM_PATH, expected /usr/bin/chromium: apt-get install chromium)');
  }
  const timeout = options.timeoutMs ?? 30_000;
  const { launch } = await import('puppeteer-core');
  const browser = await launch({ executablePath, headless: true, args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const consoleErrors: string[] = [];
    const failedRequests: string[] = [];
    page.on('console', (m) => void (m.type() === 'error' && consoleErrors.push(m.text())));
    page.on('pageerror', (e) => void consoleErrors.push(`pageerror: ${e instanceof Error ? e.message : String(e)}`));
    page.on('request', (r) => void (!/^(file|data):/.test(r.url()) && failedRequests.push(r.url())));
    page.on('requestfailed', (r) => void failedRequests.push(`${r.url().slice(0, 200)} (${r.failure()?.errorText ?? 'failed'})`));
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout });
    const ready = await page.waitForSelector('html[data-report-ready]', { timeout }).then(() => true, () => false);
    const facts = (await page.evaluate(INSPECT_PAGE)) as PageFacts;
    if (options.screenshotPath !== undefined) {
      mkdirSync(dirname(options.screenshotPath), { recursive: true });
      await page.screenshot({ path: options.screenshotPath as `${string}.png`, fullPage: true });
    }
    const ok = consoleErrors.length === 0 && failedRequests.length === 0 && ready && facts.renderedFigures === facts.figures && facts.brokenImages === 0 && facts.brokenLinks.length === 0;
    return { consoleErrors, failedRequests, ...facts, ready, ok };
  } finally {
    await browser.close();
  }
}
