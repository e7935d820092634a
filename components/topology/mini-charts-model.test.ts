import { describe, expect, it } from 'vitest';
import type { RedSeries } from '@/lib/schemas/services';
import { miniCharts } from './mini-charts-model';

const at = (values: Array<number | null>) => values.map((v, i): [number, number | null] => [1000 * i, v]);
const data = (over: Partial<RedSeries> = {}): RedSeries => ({
  startMs: 0,
  endMs: 2000,
  stepMs: 1000,
  rate: [{ name: 'total', points: at([2, 3, null]) }],
  errorRatio: [{ name: 'errors', points: at([0, 0.125, null]) }],
  latency: [
    { name: 'p50', points: at([0.01, 0.02, null]) },
    { name: 'p95', points: at([0.2, 1.5, null]) },
    { name: 'p99', points: at([0.3, 4, null]) },
  ],
  errors: [],
  ...over,
});

describe('miniCharts', () => {
  it('charts requests, error % and p95 only, naming the latest value that is not a gap, with units', () => {
    const charts = miniCharts(data(), 'checkout \u2192 payments', 'last 15 minutes');
    expect(charts.map((c) => [c.key, c.latest, c.series.map((s) => s.name)])).toEqual([
      ['rate', '3 req/s', ['total']],
      ['errors', '12.5 %', ['errors']],
      ['p95', '1.5 s', ['p95']],
    ]);
    expect(charts[0]!.ariaLabel).toBe('Requests per second of checkout \u2192 payments, last 15 minutes: latest 3 req/s');
    expect(charts[2]!.ariaLabel).toBe('p95 latency of checkout \u2192 payments, last 15 minutes: latest 1.5 s');
    expect(charts.every((c) => !c.missing && !c.noData)).toBe(true);
  });

  it('tells a failed query (no series) from a range without traffic (only gaps)', () => {
    const charts = miniCharts(data({ rate: [], errorRatio: [], latency: [{ name: 'p95', points: at([null, null, null]) }] }), 'x', 'last hour');
    expect(charts.map((c) => [c.missing, c.noData, c.latest])).toEqual([
      [true, false, '\u2014'],
      [true, false, '\u2014'],
      [false, true, '\u2014'],
    ]);
    expect(charts.map((c) => c.ariaLabel)).toEqual([
      'Requests per second of x, last hour: unavailable',
      'Error percentage of x, last hour: unavailable',
      'p95 latency of x, last hour: no data',
    ]);
  });
});
