import { describe, expect, it } from 'vitest';
import { describeRange, formatDateTime, formatTimePoint, parseTimeInput } from './time';

// Local-time helpers: build expectations with the same local clock the code uses, so the test holds in
// any TZ the machine runs in.
const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime();

describe('describeRange', () => {
  it('names relative ranges ending now', () => {
    expect(describeRange('now-15m', 'now')).toBe('Last 15 minutes');
    expect(describeRange('now-1h', 'now')).toBe('Last 1 hour');
    expect(describeRange('now-7d', 'now')).toBe('Last 7 days');
  });

  it('prints absolute ranges in local time, the date once when it is the same day', () => {
    const a = local(2026, 11, 24, 12, 0, 0);
    const b = local(2026, 11, 24, 13, 30, 0);
    expect(describeRange(String(a), String(b))).toBe('2026-11-24 12:00:00 → 13:30:00');
    const c = local(2026, 11, 25, 1, 0, 0);
    expect(describeRange(String(a), String(c))).toBe('2026-11-24 12:00:00 → 2026-11-25 01:00:00');
  });

  it('mixes relative and absolute points', () => {
    expect(describeRange('now-2h', 'now-1h')).toBe('now-2h → now-1h');
  });
});

describe('parseTimeInput', () => {
  it('accepts relative points', () => {
    expect(parseTimeInput(' now ')).toBe('now');
    expect(parseTimeInput('now-6h')).toBe('now-6h');
    expect(parseTimeInput('now-6x')).toBeNull();
  });

  it('reads local date-times and round-trips with formatDateTime', () => {
    const ms = local(2026, 11, 24, 12, 5, 7);
    expect(parseTimeInput('2026-11-24 12:05:07')).toBe(String(ms));
    expect(parseTimeInput('2026-11-24T12:05')).toBe(String(local(2026, 11, 24, 12, 5)));
    expect(parseTimeInput('2026-11-24')).toBe(String(local(2026, 11, 24)));
    expect(parseTimeInput(formatDateTime(ms))).toBe(String(ms));
    expect(formatTimePoint(String(ms))).toBe('2026-11-24 12:05:07');
  });

  it('accepts unix ms and zoned ISO, rejects nonsense', () => {
    expect(parseTimeInput('1790000000000')).toBe('1790000000000');
    expect(parseTimeInput('2026-11-24T12:00:00Z')).toBe(String(Date.UTC(2026, 10, 24, 12)));
    expect(parseTimeInput('2026-02-31 10:00')).toBeNull();
    expect(parseTimeInput('yesterday')).toBeNull();
    expect(parseTimeInput('')).toBeNull();
  });
});
