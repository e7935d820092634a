import { describe, expect, it } from 'vitest';
import { TimeRangeParams } from '../schemas/time';
import { isRangeProblem, resolveRange } from './range';
import { formatPromDuration, parseDuration } from './duration';

const NOW = Date.UTC(2026, 10, 24, 12, 0, 0);

describe('time ranges', () => {
  it('resolves relative ranges against now', () => {
    const r = resolveRange(TimeRangeParams.parse({ from: 'now-1h', to: 'now' }), NOW);
    expect(r).toEqual({ startMs: NOW - 3_600_000, endMs: NOW });
  });

  it('accepts unix ms and ISO times', () => {
    const r = resolveRange(TimeRangeParams.parse({ from: String(NOW - 60_000), to: new Date(NOW).toISOString() }), NOW);
    expect(r).toEqual({ startMs: NOW - 60_000, endMs: NOW });
  });

  it('names the field of an inverted or huge range', () => {
    const inverted = resolveRange({ from: 'now', to: 'now-5m' }, NOW);
    expect(isRangeProblem(inverted) && inverted.field).toBe('to');
    const huge = resolveRange({ from: 'now-1000d', to: 'now' }, NOW);
    expect(isRangeProblem(huge) && huge.field).toBe('from');
  });

  it('rejects malformed points at the schema', () => {
    expect(TimeRangeParams.safeParse({ from: 'yesterday' }).success).toBe(false);
    expect(TimeRangeParams.safeParse({ from: 'now-5x' }).success).toBe(false);
    expect(TimeRangeParams.parse({})).toEqual({ from: 'now-15m', to: 'now' });
  });

  it('parses and formats durations', () => {
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('2w')).toBe(1_209_600_000);
    expect(parseDuration('5')).toBeNull();
    expect(formatPromDuration(3_600_000)).toBe('1h');
    expect(formatPromDuration(90_000)).toBe('90s');
    expect(formatPromDuration(86_400_000 * 3)).toBe('3d');
    expect(formatPromDuration(120_000)).toBe('2m');
  });
});
