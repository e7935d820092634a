import { describe, expect, it } from 'vitest';
import type { Point } from '@/lib/schemas/services';
import { budgetChartOption, budgetSummary, burnChartOption, burnSummary } from './slo-chart-options';

const H = 3_600_000;
const grid = (n: number, v: (i: number) => number | null): Point[] => Array.from({ length: n }, (_, i) => [i * H, v(i)]);

interface AxisFns {
  min: (v: { min: number }) => number;
  max: (v: { max: number }) => number;
}
type Series = { name?: string; data: unknown[]; markLine?: { data: Array<{ yAxis: number; name: string }> } };

describe('budgetChartOption', () => {
  it('draws every point of a 30-day window with gaps kept, and a zero line', () => {
    const points = grid(721, (i) => (i === 100 ? null : 1 - i / 500));
    const o = budgetChartOption({ points, startMs: 0, endMs: 720 * H });
    const [s] = o.series as Series[];
    expect(s!.data).toHaveLength(721);
    expect(s!.data[100]).toEqual([100 * H, null]);
    expect(s!.markLine!.data).toEqual([{ yAxis: 0, name: 'Budget exhausted' }]);
    const y = o.yAxis as AxisFns;
    expect(y.min({ min: 0.3 })).toBe(0);
    expect(y.min({ min: -0.44 })).toBe(-0.44);
    expect(y.max({ max: 0.9 })).toBe(1);
  });
});

describe('burnChartOption', () => {
  const thresholds = [
    { severity: 'page' as const, longWindow: '1h' as const, shortWindow: '5m' as const, factor: 14.4 },
    { severity: 'page' as const, longWindow: '6h' as const, shortWindow: '30m' as const, factor: 6 },
    { severity: 'ticket' as const, longWindow: '1d' as const, shortWindow: '2h' as const, factor: 3 },
    { severity: 'ticket' as const, longWindow: '3d' as const, shortWindow: '6h' as const, factor: 1 },
  ];
  it('draws one line per window and the thresholds as mark lines, with the axis reaching the top one', () => {
    const series = (['1h', '6h'] as const).map((w) => ({ window: w, points: grid(721, () => 0.5) }));
    const o = burnChartOption({ series, thresholds, startMs: 0, endMs: 720 * H });
    const all = o.series as Series[];
    expect(all.map((s) => s.name)).toEqual(['1h', '6h', 'thresholds']);
    expect(all[2]!.markLine!.data.map((d) => [d.yAxis, d.name])).toEqual([
      [14.4, 'page 14.4\u00d7 (1h/5m)'],
      [6, 'page 6\u00d7 (6h/30m)'],
      [3, 'ticket 3\u00d7 (1d/2h)'],
      [1, 'ticket 1\u00d7 (3d/6h)'],
    ]);
    expect((o.yAxis as AxisFns).max({ max: 0.5 })).toBe(15.8);
    expect((o.yAxis as AxisFns).max({ max: 30 })).toBe(33);
  });
});

describe('summaries', () => {
  it('say in words what the charts show', () => {
    expect(budgetSummary('Checkout', '30 days', [[0, 1], [1, 0.4], [2, null], [3, 0.42]])).toBe(
      'Error budget remaining of Checkout over its window (30 days): 100 % at the start, 42 % now, lowest 40 %',
    );
    expect(budgetSummary('Checkout', '30 days', [[0, null]])).toMatch(/no data/);
    expect(burnSummary('Checkout', [{ window: '1h', points: [[0, 2], [1, 16.2]] }], [])).toBe('Burn rate of Checkout per window, latest: 1h 16.2\u00d7; alert thresholds: none');
  });
});
