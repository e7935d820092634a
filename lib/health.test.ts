import { describe, expect, it } from 'vitest';
import { healthOf } from './health';
import { SwitchyardConfig } from './schemas/config';

const t = SwitchyardConfig.parse({}).health; // Kiali's errors: warning 0.1 %, critical 10 %; p95 0.5 s / 2 s
const stats = (rps: number | null, errorRatio: number | null, p95: number | null = 0.1) => ({ rps, errorRatio, p50: null, p95, p99: null });

describe('healthOf', () => {
  it('grades by error ratio and p95, a threshold itself counting as reached', () => {
    expect(healthOf(stats(10, 0), t)).toBe('healthy');
    expect(healthOf(stats(10, 0.0009), t)).toBe('healthy');
    expect(healthOf(stats(10, 0.001), t)).toBe('warning');
    expect(healthOf(stats(10, 0.0999), t)).toBe('warning');
    expect(healthOf(stats(10, 0.1), t)).toBe('critical');
    expect(healthOf(stats(10, 0, 0.49), t)).toBe('healthy');
    expect(healthOf(stats(10, 0, 0.6), t)).toBe('warning');
    expect(healthOf(stats(10, 0, 2), t)).toBe('critical');
  });
  it('calls no traffic idle and missing data unknown', () => {
    expect(healthOf(stats(0, null), t)).toBe('idle');
    expect(healthOf(stats(null, null), t)).toBe('unknown');
    expect(healthOf(stats(5, null), t)).toBe('unknown');
  });
});
