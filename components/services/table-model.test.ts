import { describe, expect, it } from 'vitest';
import type { ServiceSummary } from '@/lib/schemas/services';
import { filterServices, presenceOf, sortServices } from './table-model';

const svc = (name: string, over: Partial<ServiceSummary> = {}): ServiceSummary => ({
  name,
  rps: 1,
  errorRatio: 0,
  p50: 0.01,
  p95: 0.05,
  p99: 0.1,
  instances: 1,
  inRegistry: true,
  inMetrics: true,
  health: 'healthy',
  ...over,
});

const rows = [
  svc('gateway', { rps: 40, errorRatio: 0.01, health: 'warning' }),
  svc('payments', { rps: 5, errorRatio: 0.08, health: 'critical' }),
  svc('email', { rps: 0, errorRatio: null, p50: null, p95: null, p99: null, inMetrics: false, health: 'idle' }),
  svc('catalog', { rps: 30, errorRatio: 0.0, health: 'healthy' }),
];
const names = (list: ServiceSummary[]) => list.map((s) => s.name);

describe('sortServices', () => {
  it('sorts by name and by numbers in both directions', () => {
    expect(names(sortServices(rows, 'name', 'asc'))).toEqual(['catalog', 'email', 'gateway', 'payments']);
    expect(names(sortServices(rows, 'rps', 'desc'))).toEqual(['gateway', 'catalog', 'payments', 'email']);
    expect(names(sortServices(rows, 'rps', 'asc'))).toEqual(['email', 'payments', 'catalog', 'gateway']);
  });

  it('puts missing numbers last whichever the direction', () => {
    expect(names(sortServices(rows, 'errorRatio', 'desc'))).toEqual(['payments', 'gateway', 'catalog', 'email']);
    expect(names(sortServices(rows, 'errorRatio', 'asc'))).toEqual(['catalog', 'gateway', 'payments', 'email']);
  });

  it('sorts health worst first when descending', () => {
    expect(names(sortServices(rows, 'health', 'desc'))).toEqual(['payments', 'gateway', 'catalog', 'email']);
  });
});

describe('filterServices', () => {
  it('matches a case-insensitive substring and a health level', () => {
    expect(names(filterServices(rows, 'PAY', null))).toEqual(['payments']);
    expect(names(filterServices(rows, '', 'idle'))).toEqual(['email']);
    expect(names(filterServices(rows, 'a', 'healthy'))).toEqual(['catalog']);
    expect(filterServices(rows, '  ', null)).toHaveLength(4);
  });
});

describe('presenceOf', () => {
  const ctx = { metricsAnswered: true, registryInUse: true };
  it('badges registry-only and metrics-only services', () => {
    expect(presenceOf(rows[2]!, ctx)).toBe('no-traffic');
    expect(presenceOf(svc('x', { inRegistry: false }), ctx)).toBe('not-registered');
    expect(presenceOf(rows[0]!, ctx)).toBeNull();
  });

  it('says nothing it cannot know', () => {
    expect(presenceOf(rows[2]!, { ...ctx, metricsAnswered: false })).toBeNull();
    expect(presenceOf(svc('x', { inRegistry: false }), { ...ctx, registryInUse: false })).toBeNull();
  });
});
