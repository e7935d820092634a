import { describe, expect, it } from 'vitest';
import { burnRateRows, calendarMonth, chartBurnWindows, chartStepMs, coverageStepMs, isValidTimeZone, sloWindowAt } from './windows';

const H = 3_600_000;
const D = 24 * H;
const utc = (y: number, m: number, d: number, h = 0, min = 0) => Date.UTC(y, m - 1, d, h, min);

describe('burn-rate factors (Sloth getBurnRateFactor)', () => {
  // Written out from the SRE Workbook / Sloth tables, not from the formula.
  it.each([
    [30, [14.4, 6, 3, 1]],
    [28, [13.44, 5.6, 2.8, 0.9333333333333333]],
    [7, [3.36, 1.4, 0.7, 0.23333333333333334]],
  ])('scales the table to %i days', (days, factors) => {
    const rows = burnRateRows({ kind: 'rolling', days });
    expect(rows.map((r) => [r.severity, r.long, r.short, r.for])).toEqual([
      ['page', '1h', '5m', '2m'],
      ['page', '6h', '30m', '15m'],
      ['ticket', '1d', '2h', '1h'],
      ['ticket', '3d', '6h', '3h'],
    ]);
    rows.forEach((r, i) => expect(r.factor).toBeCloseTo(factors[i]!, 12));
  });

  it('uses 30 days for calendar months, whose rules cannot change with the month', () => {
    expect(burnRateRows({ kind: 'calendar-month', timeZone: 'UTC' }).map((r) => r.factor)).toEqual(burnRateRows({ kind: 'rolling', days: 30 }).map((r) => r.factor));
  });
});

describe('calendar months', () => {
  it.each([
    ['UTC', utc(2026, 3, 10), utc(2026, 3, 1), utc(2026, 4, 1)],
    ['UTC', utc(2026, 2, 10), utc(2026, 2, 1), utc(2026, 3, 1)], // 28 days
    ['UTC', utc(2028, 2, 29, 23), utc(2028, 2, 1), utc(2028, 3, 1)], // leap year: 29 days
    // New York: EST (−5) on the 1st, EDT (−4) from 8 March: the month is an hour short.
    ['America/New_York', utc(2026, 3, 10), utc(2026, 3, 1, 5), utc(2026, 4, 1, 4)],
    // DST ends on 1 November 2026 at 02:00: the month starts in EDT and is an hour long.
    ['America/New_York', utc(2026, 11, 1, 12), utc(2026, 11, 1, 4), utc(2026, 12, 1, 5)],
    ['Europe/Berlin', utc(2026, 3, 31, 12), utc(2026, 2, 28, 23), utc(2026, 3, 31, 22)],
    ['Asia/Kathmandu', utc(2026, 3, 10), utc(2026, 2, 28, 18, 15), utc(2026, 3, 31, 18, 15)], // +05:45
    ['Pacific/Kiritimati', utc(2026, 3, 10), utc(2026, 2, 28, 10), utc(2026, 3, 31, 10)], // +14
    // Paraguay's DST began at midnight on Sunday 1 October 2023: local 00:00 never existed, the month
    // began at 01:00 local (−03).
    ['America/Asuncion', utc(2023, 10, 15), utc(2023, 10, 1, 4), utc(2023, 11, 1, 3)],
  ])('%s at %s', (tz, t, start, end) => {
    expect(calendarMonth(t, tz)).toEqual({ startMs: start, endMs: end });
  });

  it('puts the first instant of a month in that month and the last before it in the previous one', () => {
    const start = utc(2026, 3, 1, 5);
    expect(calendarMonth(start, 'America/New_York').startMs).toBe(start);
    expect(calendarMonth(start - 1, 'America/New_York')).toEqual({ startMs: utc(2026, 2, 1, 5), endMs: start });
  });

  it('gives the window so far and the whole month as the period', () => {
    expect(sloWindowAt({ kind: 'calendar-month', timeZone: 'America/New_York' }, utc(2026, 3, 10))).toEqual({
      startMs: utc(2026, 3, 1, 5),
      endMs: utc(2026, 3, 10),
      periodMs: 31 * D - H,
    });
    expect(sloWindowAt({ kind: 'rolling', days: 28 }, utc(2026, 3, 10))).toEqual({ startMs: utc(2026, 2, 10), endMs: utc(2026, 3, 10), periodMs: 28 * D });
  });

  it('rejects unknown zones', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => calendarMonth(0, 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('chart steps', () => {
  it('keeps 30 days (and a 31-day month) under 1,100 points', () => {
    expect(chartStepMs(30 * D)).toBe(H);
    expect(30 * D / chartStepMs(30 * D) + 1).toBe(721);
    expect(31 * D / chartStepMs(31 * D) + 1).toBeLessThanOrEqual(1100);
    expect(chartStepMs(28 * D)).toBe(H);
    expect(chartStepMs(7 * D)).toBe(15 * 60_000);
    expect(chartStepMs(D)).toBe(2 * 60_000);
    expect(chartStepMs(400 * D)).toBe(12 * H);
    expect(chartStepMs(1000 * D)).toBe(D);
  });

  it('draws only burn windows at least one step long', () => {
    expect(chartBurnWindows(H)).toEqual(['1h', '2h', '6h', '1d', '3d']);
    expect(chartBurnWindows(60_000)).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
  });

  it('counts coverage in about a day for a month and 6 hours for a week', () => {
    expect(coverageStepMs(31 * D)).toBe(D);
    expect(coverageStepMs(28 * D)).toBe(D);
    expect(coverageStepMs(7 * D)).toBe(6 * H);
    expect(coverageStepMs(D)).toBe(H);
  });
});
