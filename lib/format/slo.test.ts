import { describe, expect, it } from 'vitest';
import { formatBurn, formatExhaustion, formatPercentPrecise, formatSloWindow, formatSpan } from './slo';

const D = 86_400_000;
const H = 3_600_000;
const M = 60_000;

describe('formatPercentPrecise', () => {
  it('shows the distance from 100 % with two significant digits of the gap', () => {
    expect(formatPercentPrecise(0.999)).toBe('99.9 %');
    expect(formatPercentPrecise(0.9995)).toBe('99.95 %');
    expect(formatPercentPrecise(0.99987)).toBe('99.987 %');
    expect(formatPercentPrecise(0.97)).toBe('97 %');
    expect(formatPercentPrecise(0.5)).toBe('50 %');
    expect(formatPercentPrecise(0.123456)).toBe('12.3 %');
    expect(formatPercentPrecise(1)).toBe('100 %');
    expect(formatPercentPrecise(0.9999999)).toBe('> 99.9999 %');
    expect(formatPercentPrecise(null)).toBe('\u2014');
    expect(formatPercentPrecise(Number.NaN)).toBe('\u2014');
  });
});

describe('formatBurn', () => {
  it('prints multiples of the budget rate', () => {
    expect(formatBurn(14.4)).toBe('14.4\u00d7');
    expect(formatBurn(0.4213)).toBe('0.421\u00d7');
    expect(formatBurn(120.4)).toBe('120\u00d7');
    expect(formatBurn(0)).toBe('0\u00d7');
    expect(formatBurn(0.001)).toBe('< 0.01\u00d7');
    expect(formatBurn(null)).toBe('\u2014');
  });
});

describe('formatSpan and formatExhaustion', () => {
  it('uses the two largest units, rounded down', () => {
    expect(formatSpan(3 * D + 4 * H + 59 * M)).toBe('3 d 4 h');
    expect(formatSpan(2 * D + 30 * M)).toBe('2 d');
    expect(formatSpan(5 * H + 12 * M + 59_000)).toBe('5 h 12 min');
    expect(formatSpan(H)).toBe('1 h');
    expect(formatSpan(42 * M)).toBe('42 min');
    expect(formatSpan(59_999)).toBe('< 1 min');
    expect(formatSpan(400 * D + 5 * H)).toBe('400 d');
    expect(formatSpan(null)).toBe('\u2014');
    expect(formatSpan(-1)).toBe('\u2014');
  });
  it('says "exhausted" at 0 and a dash when nothing burns', () => {
    expect(formatExhaustion(0)).toBe('exhausted');
    expect(formatExhaustion(null)).toBe('\u2014');
    expect(formatExhaustion(26 * H)).toBe('1 d 2 h');
  });
});

describe('formatSloWindow', () => {
  it('names rolling and calendar windows', () => {
    expect(formatSloWindow({ kind: 'rolling', days: 30 })).toBe('30 days');
    expect(formatSloWindow({ kind: 'calendar-month', timeZone: 'UTC' })).toBe('calendar month (UTC)');
  });
});
