import { describe, expect, it } from 'vitest';
import { NO_DATA, formatCount, formatLatency, formatRate, formatRatio, significant } from './units';

describe('significant', () => {
  it('keeps about three digits and drops trailing zeros', () => {
    expect(significant(12.34)).toBe('12.3');
    expect(significant(0.05)).toBe('0.05');
    expect(significant(1.2)).toBe('1.2');
    expect(significant(123.4)).toBe('123');
    expect(significant(1234)).toBe('1234');
    expect(significant(0.0001234)).toBe('0.000123');
    expect(significant(-2.5)).toBe('-2.5');
  });
});

describe('formatRate', () => {
  it('prints requests per second', () => {
    expect(formatRate(12.34)).toBe('12.3 req/s');
    expect(formatRate(0.05)).toBe('0.05 req/s');
    expect(formatRate(1200)).toBe('1.2k req/s');
    expect(formatRate(1234)).toBe('1.23k req/s');
    expect(formatRate(2_500_000)).toBe('2.5M req/s');
    expect(formatRate(999.8)).toBe('1k req/s');
    expect(formatRate(250)).toBe('250 req/s');
  });

  it('separates zero, tiny and missing', () => {
    expect(formatRate(0)).toBe('0 req/s');
    expect(formatRate(0.004)).toBe('< 0.01 req/s');
    expect(formatRate(null)).toBe(NO_DATA);
    expect(formatRate(undefined)).toBe(NO_DATA);
    expect(formatRate(Number.NaN)).toBe(NO_DATA);
  });
});

describe('formatRatio', () => {
  it('prints percentages', () => {
    expect(formatRatio(0.0052)).toBe('0.52 %');
    expect(formatRatio(0.125)).toBe('12.5 %');
    expect(formatRatio(1)).toBe('100 %');
    expect(formatRatio(0.05)).toBe('5 %');
    expect(formatRatio(0.00123)).toBe('0.12 %');
  });

  it('never rounds a real error rate to zero', () => {
    expect(formatRatio(0)).toBe('0 %');
    expect(formatRatio(0.0000001)).toBe('< 0.01 %');
    expect(formatRatio(null)).toBe(NO_DATA);
  });
});

describe('formatLatency', () => {
  it('picks the unit from the size', () => {
    expect(formatLatency(0.00085)).toBe('850 \u00b5s');
    expect(formatLatency(0.0123)).toBe('12.3 ms');
    expect(formatLatency(1.25)).toBe('1.25 s');
    expect(formatLatency(0.25)).toBe('250 ms');
    expect(formatLatency(150)).toBe('2.5 min');
    expect(formatLatency(7200)).toBe('2 h');
  });

  it('rolls over at unit boundaries instead of printing 1000', () => {
    expect(formatLatency(0.9998)).toBe('1 s');
    expect(formatLatency(0.0009998)).toBe('1 ms');
  });

  it('handles zero, tiny and missing', () => {
    expect(formatLatency(0)).toBe('0 ms');
    expect(formatLatency(1e-9)).toBe('< 1 \u00b5s');
    expect(formatLatency(null)).toBe(NO_DATA);
  });
});

describe('formatCount', () => {
  it('prints small integers exactly and big ones compactly', () => {
    expect(formatCount(7)).toBe('7');
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1200)).toBe('1.2k');
    expect(formatCount(3_400_000)).toBe('3.4M');
    expect(formatCount(2.345)).toBe('2.35');
    expect(formatCount(null)).toBe(NO_DATA);
  });
});
