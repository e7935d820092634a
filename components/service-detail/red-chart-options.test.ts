import { describe, expect, it } from 'vitest';
import { hasNoData, latestValue, lineChartOption } from './red-chart-options';

const series = [
  { name: 'p50', points: [[1000, 0.01], [2000, null], [3000, 0.02]] as Array<[number, number | null]> },
  { name: 'p95', points: [[1000, 0.05], [2000, null], [3000, 0.06]] as Array<[number, number | null]> },
];

describe('lineChartOption', () => {
  it('draws gaps as gaps over the requested window, with a legend for several series', () => {
    const opt = lineChartOption({ series, startMs: 1000, endMs: 3000, format: String, colors: { p95: '#f00' } });
    const lines = opt.series as Array<Record<string, unknown>>;
    expect(lines.map((l) => l.name)).toEqual(['p50', 'p95']);
    expect(lines.every((l) => l.connectNulls === false)).toBe(true);
    expect(lines[1]?.color).toBe('#f00');
    expect(lines[0]?.data).toEqual([[1000, 0.01], [2000, null], [3000, 0.02]]);
    expect(opt.xAxis).toMatchObject({ type: 'time', min: 1000, max: 3000 });
    expect(opt.legend).toMatchObject({ top: 0 });
    expect(opt.animation).toBe(false);
    expect(opt.brush).toBeUndefined();
  });

  it('arms a hidden brush for drag-to-zoom', () => {
    const opt = lineChartOption({ series: series.slice(0, 1), startMs: 0, endMs: 1, format: String, brush: true });
    expect(opt.brush).toMatchObject({ brushType: 'lineX', xAxisIndex: 0 });
    expect(opt.toolbox).toEqual({ show: false });
    expect(opt.legend).toEqual({ show: false });
  });
});

describe('compact (sparkline) option', () => {
  it('hides axes and legend, keeps gaps and the window, confines the tooltip', () => {
    const opt = lineChartOption({ series: series.slice(1), startMs: 1000, endMs: 3000, format: (v) => `${v} s`, colors: { p95: '#f00' }, compact: true });
    expect(opt.xAxis).toEqual({ type: 'time', min: 1000, max: 3000, show: false });
    expect(opt.yAxis).toEqual({ type: 'value', min: 0, show: false });
    expect(opt.legend).toEqual({ show: false });
    expect(opt.tooltip).toMatchObject({ trigger: 'axis', confine: true });
    const tip = opt.tooltip as { valueFormatter: (v: unknown) => string };
    expect(tip.valueFormatter(0.5)).toBe('0.5 s');
    expect(tip.valueFormatter(undefined)).toBe('null s');
    const [line] = opt.series as Array<Record<string, unknown>>;
    expect(line).toMatchObject({ name: 'p95', color: '#f00', connectNulls: false, data: [[1000, 0.05], [2000, null], [3000, 0.06]] });
    expect(line?.areaStyle).toBeDefined();
  });
});

describe('latestValue', () => {
  it('is the last point that is not a gap', () => {
    expect(latestValue([[1, 2], [2, 3], [3, null]])).toBe(3);
    expect(latestValue([[1, null]])).toBeNull();
    expect(latestValue([])).toBeNull();
  });
});

describe('hasNoData', () => {
  it('is true only when every point of every series is missing', () => {
    expect(hasNoData(series)).toBe(false);
    expect(hasNoData([{ name: 'x', points: [[1, null]] }])).toBe(true);
    expect(hasNoData([])).toBe(true);
  });
});
