/*
 * Draws a chart above each table marked data-chart, from the numbers in its cells (data-value).
 * The tables stay on the page: they are the accessible version, and the page is complete without
 * this script or when Chart.js fails to load.
 */
(function () {
  'use strict';
  if (typeof window.Chart !== 'function') return;
  // The page's own colours (Pico's custom properties): its primary colour, then its muted one.
  var style = window.getComputedStyle(document.documentElement);
  var COLOURS = ['--pico-primary', '--pico-muted-color'].map(function (name, i) {
    return style.getPropertyValue(name).trim() || ['#1565c0', '#7b8495'][i];
  });

  function readTable(table) {
    var headers = Array.prototype.map.call(table.tHead.rows[0].cells, function (c) { return c.textContent.trim(); });
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var labels = rows.map(function (r) { return r.cells[0].textContent.trim(); });
    var series = [];
    rows.forEach(function (row, i) {
      Array.prototype.forEach.call(row.cells, function (cell, col) {
        if (!cell.hasAttribute('data-value')) return;
        var s = series.find(function (x) { return x.col === col; });
        if (!s) { s = { col: col, label: headers[col], data: [] }; series.push(s); }
        s.data[i] = Number(cell.getAttribute('data-value'));
      });
    });
    return { labels: labels, series: series };
  }

  function draw(table) {
    var data = readTable(table);
    if (!data.labels.length) return;
    var figure = document.createElement('figure');
    figure.className = 'chart';
    figure.setAttribute('aria-hidden', 'true'); // the table below holds the same numbers for screen readers
    var canvas = document.createElement('canvas');
    figure.appendChild(canvas);
    table.closest('.table-wrap').before(figure);
    var horizontal = table.getAttribute('data-chart') === 'bar' && data.labels.length > 6;
    new window.Chart(canvas, {
      type: table.getAttribute('data-chart') === 'line' ? 'line' : 'bar',
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, i) {
          return { label: s.label, data: s.data, backgroundColor: COLOURS[i % COLOURS.length], borderColor: COLOURS[i % COLOURS.length] };
        }),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    figure.classList.add(horizontal ? 'chart-tall' : 'chart-short');
  }

  document.querySelectorAll('table.chart-data').forEach(draw);
})();
