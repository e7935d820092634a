import { describe, expect, it } from 'vitest';
import type { SloStatus } from '@/lib/schemas/slo-status';
import { filterOptions, filterSlos, sortSlos } from './table-model';

const status = (id: string, o: Partial<SloStatus> = {}): SloStatus => ({
  id,
  name: o.name ?? id,
  service: 'svc',
  labels: {},
  objective: 0.99,
  window: { kind: 'rolling', days: 30 },
  windowStartMs: 0,
  windowEndMs: 1,
  periodMs: 1,
  sli: 0.995,
  errorRatio: 0.005,
  budgetRemaining: 0.5,
  periodBurn: 0.5,
  burnRates: { '5m': null, '30m': null, '1h': null, '2h': null, '6h': null, '1d': null, '3d': null },
  currentBurn: 1,
  currentBurnWindow: '1h',
  timeToExhaustionMs: null,
  alerts: [],
  alertState: 'ok',
  coverage: 1,
  problems: [],
  ...o,
});

const ids = (l: SloStatus[]) => l.map((s) => s.id);

describe('filterSlos', () => {
  const slos = [
    status('a', { service: 'payments', labels: { team: 'pay', tier: '1' } }),
    status('b', { service: 'gateway', labels: { team: 'edge' }, name: 'Gateway availability' }),
    status('c', { service: 'payments', labels: { team: 'edge' } }),
  ];
  it('filters by service, team and text over name, id, service and key=value labels', () => {
    expect(ids(filterSlos(slos, { q: '', service: 'payments', team: null }))).toEqual(['a', 'c']);
    expect(ids(filterSlos(slos, { q: '', service: 'payments', team: 'edge' }))).toEqual(['c']);
    expect(ids(filterSlos(slos, { q: 'GATEWAY av', service: null, team: null }))).toEqual(['b']);
    expect(ids(filterSlos(slos, { q: 'tier=1', service: null, team: null }))).toEqual(['a']);
    expect(ids(filterSlos(slos, { q: 'team=e', service: null, team: null }))).toEqual(['b', 'c']);
  });
  it('lists the services and teams to filter by', () => {
    expect(filterOptions(slos)).toEqual({ services: ['gateway', 'payments'], teams: ['edge', 'pay'] });
  });
});

describe('sortSlos', () => {
  const slos = [
    status('low', { budgetRemaining: -0.2, currentBurn: 3, alertState: 'ticket' }),
    status('none', { budgetRemaining: null, currentBurn: null, alertState: 'no-data' }),
    status('high', { budgetRemaining: 0.9, currentBurn: 0.1, alertState: 'ok' }),
    status('mid', { budgetRemaining: 0.4, currentBurn: 20, alertState: 'page' }),
  ];
  it('puts the worst budget first by default and no data last either way', () => {
    expect(ids(sortSlos(slos, 'budget', 'asc'))).toEqual(['low', 'mid', 'high', 'none']);
    expect(ids(sortSlos(slos, 'budget', 'desc'))).toEqual(['high', 'mid', 'low', 'none']);
  });
  it('sorts burn and alert state worst first when descending', () => {
    expect(ids(sortSlos(slos, 'burn', 'desc'))).toEqual(['mid', 'low', 'high', 'none']);
    expect(ids(sortSlos(slos, 'state', 'desc'))).toEqual(['mid', 'low', 'none', 'high']);
  });
});
