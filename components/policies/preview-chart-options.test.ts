import { describe, expect, it } from 'vitest';
import type { PreviewResponse } from '@/lib/schemas/policy-api';
import { openBand, previewChartOption } from './preview-chart-options';

const preview: PreviewResponse = {
  startMs: 0,
  endMs: 3_000,
  stepMs: 1_000,
  traffic: [[0, 10], [1_000, 30], [2_000, null], [3_000, 12]],
  errorRatio: [[0, 0], [1_000, 0.6], [2_000, null], [3_000, 0]],
  wouldReject: [[0, 0], [1_000, 10], [2_000, null], [3_000, 0]],
  rejectedPerMinute: 150,
  breakerOpen: [[1_000, 0.5], [2_000, 1]],
  breakerOpenings: 1,
  notes: [],
  errors: [],
};

describe('impact preview chart', () => {
  it('draws the calls shed while the breaker would have been open (traffic × share of the step), gaps elsewhere', () => {
    expect(openBand(preview)).toEqual([[0, null], [1_000, 15], [2_000, 0], [3_000, null]]);
  });

  it('draws traffic, what the limit would reject and the open band over the preview’s period', () => {
    const opt = previewChartOption(preview);
    const series = opt.series as Array<Record<string, unknown>>;
    expect(series.map((s) => s.name)).toEqual(['Traffic', 'Would be rejected', 'Shed while the breaker is open']);
    expect(series[1]?.data).toEqual(preview.wouldReject);
    expect(series.every((s) => s.connectNulls === false)).toBe(true);
    expect(opt.xAxis).toMatchObject({ type: 'time', min: 0, max: 3_000 });
  });

  it('leaves out the parts the spec does not have', () => {
    const opt = previewChartOption({ ...preview, wouldReject: [], breakerOpen: [], rejectedPerMinute: null, breakerOpenings: null });
    expect((opt.series as Array<{ name: string }>).map((s) => s.name)).toEqual(['Traffic']);
  });
});
