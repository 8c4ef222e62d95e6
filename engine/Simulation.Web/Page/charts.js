// Charts of the levers page: one ECharts chart (SVG renderer) per chart the API describes, each line of this run
// against the baseline's, with P5-P95 bands across futures when the result has them.
'use strict';

const SimCharts = (() => {
  const colours = ['#005eb8', '#d5281b', '#007f3b', '#7c2855', '#ed8b00', '#330072', '#00a499', '#425563'];
  const instances = new Map();

  function create(container, chart) {
    const el = document.createElement('div');
    el.className = 'chart';
    el.dataset.chart = chart.id;
    container.appendChild(el);
    const instance = echarts.init(el, null, { renderer: 'svg' });
    instances.set(chart.id, { instance, chart });
    return instance;
  }

  const pairs = (times, values) => times.map((t, i) => [t, values[i]]);

  // A band as two stacked series: an invisible P5 line, and P95 - P5 filled above it.
  function band(id, name, times, b, colour) {
    const width = b.p95.map((hi, i) => (hi === null || b.p5[i] === null ? null : hi - b.p5[i]));
    const common = { type: 'line', stack: id, symbol: 'none', silent: true, lineStyle: { opacity: 0 }, tooltip: { show: false } };
    return [
      { ...common, name: name + ' P5', data: pairs(times, b.p5) },
      { ...common, name: name + ' P5–P95', data: pairs(times, width), areaStyle: { color: colour, opacity: 0.18 } },
    ];
  }

  // The baseline's lines come once (api/baseline), in the order of every run's lines.
  function update(experiment, baseline, result, showBands) {
    const byChart = new Map();
    result.lines.forEach((line, k) => {
      if (!byChart.has(line.chart)) byChart.set(line.chart, []);
      byChart.get(line.chart).push({ ...line, baseline: baseline.lines[k].values });
    });
    for (const [id, { instance, chart }] of instances) {
      const lines = byChart.get(id) || [];
      const series = [];
      lines.forEach((line, k) => {
        const colour = colours[k % colours.length];
        const label = line.element ? line.element : 'this run';
        if (showBands && line.baselineBand && lines.length === 1) series.push(...band('base', 'baseline', result.times, line.baselineBand, '#8a96a3'));
        if (showBands && line.band && lines.length === 1) series.push(...band('run', 'this run', result.times, line.band, colour));
        series.push({ type: 'line', name: lines.length === 1 ? 'baseline' : `${label} (baseline)`, data: pairs(result.times, line.baseline),
          symbol: 'none', lineStyle: { type: 'dashed', width: 1.5, color: lines.length === 1 ? '#5b6775' : colour }, itemStyle: { color: '#5b6775' } });
        series.push({ type: 'line', name: label, data: pairs(result.times, line.values), symbol: 'none',
          lineStyle: { width: 2.5, color: colour }, itemStyle: { color: colour } });
      });
      const units = chart.units ? ` (${chart.units})` : '';
      instance.setOption({
        animation: false,
        title: { text: chart.title + units, textStyle: { fontSize: 13, fontWeight: 600 }, left: 8, top: 6 },
        tooltip: { trigger: 'axis', valueFormatter: v => (v === null || v === undefined ? '–' : SimFormat.number(v)) },
        legend: { bottom: 2, type: 'scroll', data: series.filter(s => !s.stack || s.areaStyle).map(s => s.name) },
        grid: { left: 64, right: 16, top: 40, bottom: 62 },
        xAxis: { type: 'value', name: experiment.time.units || 'time', nameLocation: 'middle', nameGap: 22,
          min: experiment.time.start, max: experiment.time.stop },
        yAxis: { type: 'value', scale: true, axisLabel: { formatter: v => SimFormat.number(v) } },
        series,
      }, { notMerge: true });
    }
  }

  function resize() {
    for (const { instance } of instances.values()) instance.resize();
  }

  return { create, update, resize };
})();

const SimFormat = {
  number(v) {
    if (v === null || v === undefined || Number.isNaN(v)) return '–';
    const a = Math.abs(v);
    if (a !== 0 && (a >= 1e9 || a < 1e-3)) return v.toExponential(3);
    return v.toLocaleString('en-GB', { maximumSignificantDigits: 5 });
  },
};
