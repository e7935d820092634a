import type { NamedSeries, RedSeries } from '@/lib/schemas/services';
import { formatLatency, formatRate, formatRatio } from '@/lib/format/units';
import { RED_COLORS, hasNoData, latestValue } from '@/components/service-detail/red-chart-options';

/**
 * The three sparklines of the topology side panel, from one RED series response: requests, error %
 * and p95 (p50 and p99 are on the service page; a 40-pixel chart cannot tell three lines apart).
 * Pure, so what a screen reader hears is tested without a canvas.
 */
export interface MiniChart {
  key: 'rate' | 'errors' | 'p95';
  title: string;
  series: NamedSeries[];
  colors: Readonly<Record<string, string>>;
  format: (v: number | null) => string;
  /** The last value in the range, formatted ("12.3 req/s"); an em dash when there is none. */
  latest: string;
  /** The query behind it failed: no series at all (not the same as a series of gaps). */
  missing: boolean;
  noData: boolean;
  /** The chart's accessible name: what, of what, over when, and the latest number. */
  ariaLabel: string;
}

const fmtRate = (v: number | null) => formatRate(v);
const fmtRatio = (v: number | null) => formatRatio(v);
const fmtLatency = (v: number | null) => formatLatency(v);

export function miniCharts(data: RedSeries, subject: string, rangeText: string): MiniChart[] {
  const p95 = data.latency.filter((s) => s.name === 'p95');
  const specs: Array<Omit<MiniChart, 'latest' | 'missing' | 'noData' | 'ariaLabel'> & { what: string }> = [
    { key: 'rate', title: 'Requests', what: 'Requests per second', series: data.rate, colors: RED_COLORS.rate, format: fmtRate },
    { key: 'errors', title: 'Errors', what: 'Error percentage', series: data.errorRatio, colors: RED_COLORS.errors, format: fmtRatio },
    { key: 'p95', title: 'p95 latency', what: 'p95 latency', series: p95, colors: RED_COLORS.latency, format: fmtLatency },
  ];
  return specs.map(({ what, ...spec }) => {
    const latest = spec.format(spec.series[0] ? latestValue(spec.series[0].points) : null);
    const missing = spec.series.length === 0;
    const noData = !missing && hasNoData(spec.series);
    const state = missing ? 'unavailable' : noData ? 'no data' : `latest ${latest}`;
    return { ...spec, latest, missing, noData, ariaLabel: `${what} of ${subject}, ${rangeText}: ${state}` };
  });
}
