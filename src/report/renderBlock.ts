/**
 * HTML of one report block. Figures become a plotly target plus the static SVG (figureSvg.ts)
 * that stays visible until plotly has drawn the figure; all document text is escaped.
 */
import { escapeHtml } from './escapeHtml.js';
import { figureSvg } from './figureSvg.js';
import { formatCell } from './formatCell.js';
import type { FigureBlock, GalleryBlock, ReportBlock, TableBlock } from './schema.js';

const caption = (text: string | undefined): string => (text === undefined ? '' : `<p class="caption">${escapeHtml(text)}</p>`);

function figureHtml(block: FigureBlock, index: number): string {
  return [
    `<div class="block figure" id="${escapeHtml(block.id)}">`,
    `<h3>${escapeHtml(block.title)}</h3>`,
    `<div class="plot" data-report-figure="${index}"></div>`,
    `<div class="static-figure" data-static-figure="${index}">${figureSvg(block)}</div>`,
    caption(block.caption),
    '</div>',
  ].join('');
}

function tableHtml(block: TableBlock): string {
  const head = block.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('');
  const rows = block.rows.map((row) => {
    const cells = row.map((value) => {
      const { text, full } = formatCell(value);
      const cls = typeof value === 'number' ? ' class="num"' : '';
      const title = full === undefined ? '' : ` title="${escapeHtml(full)}"`;
      return `<td${cls}${title}>${escapeHtml(text)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return [
    `<div class="block table" id="${escapeHtml(block.id)}">`,
    `<h3>${escapeHtml(block.title)}</h3>`,
    `<div class="table-wrap"><table><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table></div>`,
    caption(block.caption),
    '</div>',
  ].join('');
}

function galleryHtml(block: GalleryBlock): string {
  const rows = block.rows.map((row) => {
    const images = row.images.map(
      (image) =>
        `<figure><img src="${escapeHtml(image.src)}" alt="${escapeHtml(image.label)}"><figcaption>${escapeHtml(image.label)}</figcaption></figure>`,
    );
    return `<div class="gallery-row"><div class="gallery-label">${escapeHtml(row.label)}</div>${images.join('')}</div>`;
  });
  return [
    `<div class="block gallery" id="${escapeHtml(block.id)}">`,
    `<h3>${escapeHtml(block.title)}</h3>`,
    rows.join(''),
    caption(block.caption),
    '</div>',
  ].join('');
}

/**
 * HTML of `block`; `figureIndex` is the position of a figure among all figures of the document
 * (it selects the figure's spec in the page's JSON; ignored for other kinds).
 */
export function renderBlock(block: ReportBlock, figureIndex: number): string {
  switch (block.kind) {
    case 'figure':
      return figureHtml(block, figureIndex);
    case 'table':
      return tableHtml(block);
    case 'gallery':
      return galleryHtml(block);
    case 'text':
      return block.text
        .split(/\n\s*\n/)
        .filter((p) => p.trim() !== '')
        .map((p) => `<p class="text">${escapeHtml(p.trim())}</p>`)
        .join('');
  }
}
