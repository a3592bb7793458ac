import { describe, expect, it } from 'vitest';
import * as report from './index.js';

describe('report barrel', () => {
  it('exports exactly the public API (update this list deliberately)', () => {
    // Arrange
    const expected = [
      'PLOTLY_CONFIG', 'REPORT_CSP', 'REPORT_SCHEMA', 'checkReportInBrowser', 'escapeHtml', 'figureSvg',
      'findChromium', 'plotlyFigure', 'renderHtml', 'validateReport',
    ];
    // Act
    const actual = Object.keys(report).sort();
    // Assert
    expect(actual).toEqual(expected);
  });
});
