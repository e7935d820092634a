import { describe, expect, it } from 'vitest';
import { groupRed, histogramQuantile } from './canary-compare';

describe('histogramQuantile', () => {
  it('interpolates linearly inside the bucket where the rank falls', () => {
    // rank 95 of 100 falls in (0.5, 1] holding 90 → 100: 0.5 + 0.5 × 5/10
    expect(histogramQuantile(0.95, [[0.1, 50], [0.5, 90], [1, 100], [Infinity, 100]])).toBeCloseTo(0.75, 12);
    // first bucket: from 0
    expect(histogramQuantile(0.95, [[0.2, 100], [Infinity, 100]])).toBeCloseTo(0.19, 12);
  });

  it('answers the highest finite bound when the rank falls into +Inf, and null without observations', () => {
    expect(histogramQuantile(0.95, [[Infinity, 100], [0.1, 10]])).toBe(0.1);
    expect(histogramQuantile(0.95, [[0.1, 0], [Infinity, 0]])).toBeNull();
    expect(histogramQuantile(0.95, [])).toBeNull();
  });
});

describe('groupRed', () => {
  it('adds the instances’ rates and takes the p95 of their merged histogram', () => {
    const g = groupRed(
      [
        { rps: 2, errorsPs: 0.5, buckets: [[0.1, 1], [1, 2], [Infinity, 2]] },
        { rps: 3, errorsPs: null, buckets: [[0.1, 3], [1, 3], [Infinity, 3]] },
      ],
      1000,
    );
    // 5 req/s, 0.5 failed; merged buckets 0.1 → 4, 1 → 5: rank 4.75 in (0.1, 1]: 0.1 + 0.9 × 0.75/1
    expect(g.rps).toBe(5);
    expect(g.errorRatio).toBeCloseTo(0.1, 12);
    expect(g.p95).toBeCloseTo((0.1 + 0.9 * 0.75) * 1000, 9);
  });

  it('has no numbers for an empty group or one without traffic', () => {
    expect(groupRed([])).toEqual({ rps: null, errorRatio: null, p95: null });
    expect(groupRed([{ rps: 0, errorsPs: 0, buckets: [] }])).toEqual({ rps: 0, errorRatio: null, p95: null });
  });
});
