/**
 * The page script that draws the figures: for each spec in `#report-figures` it calls
 * `Plotly.newPlot(el, data, layout, config)` and, once plotly has drawn, hides the figure's static
 * SVG. When plotly is absent the static SVGs stay (with a console warning); a figure plotly rejects
 * is a console error. When all figures are settled it sets `data-report-ready` on `<html>`.
 * Plain ES2017 so it runs as written in any current browser.
 */

/** Source of the boot script (inlined after plotly.js). */
export const BOOT_SCRIPT = `
(function () {
  'use strict';
  var root = document.documentElement;
  var ready = function () { root.setAttribute('data-report-ready', 'true'); };
  var specs = JSON.parse(document.getElementById('report-figures').textContent);
  if (typeof window.Plotly === 'undefined') {
    console.warn('report: plotly.js is not available; the static figures are shown instead');
    ready();
    return;
  }
  var jobs = specs.figures.map(function (spec, i) {
    var target = document.querySelector('[data-report-figure="' + i + '"]');
    var fallback = document.querySelector('[data-static-figure="' + i + '"]');
    return Promise.resolve()
      .then(function () { return window.Plotly.newPlot(target, spec.data, spec.layout, specs.config); })
      .then(function () { fallback.hidden = true; }, function (error) {
        console.error('report: figure ' + i + ' could not be drawn: ' + error);
      });
  });
  Promise.all(jobs).then(ready);
})();
`;
