import { describe, expect, it } from 'vitest';
import { DEFAULT_SLO_TABLE, burnFrom, nextSloSort, readSloDetailState, readSloTableState, sloDetailParamUpdates, sloTableParamUpdates } from './slo-params';

const getter = (q: string) => {
  const p = new URLSearchParams(q);
  return (k: string) => p.get(k);
};

describe('SLO table URL state', () => {
  it('defaults to every SLO, worst budget first, and writes no params for the default', () => {
    expect(readSloTableState(getter(''))).toEqual(DEFAULT_SLO_TABLE);
    expect(sloTableParamUpdates(DEFAULT_SLO_TABLE)).toEqual({ q: null, service: null, team: null, sort: null, dir: null });
  });

  it('reads filters and sort, and ignores what it cannot read', () => {
    expect(readSloTableState(getter('q=edge&service=payments&team=pay&sort=burn'))).toEqual({ q: 'edge', service: 'payments', team: 'pay', sort: 'burn', dir: 'desc' });
    expect(readSloTableState(getter('sort=nope&dir=sideways'))).toEqual(DEFAULT_SLO_TABLE);
    expect(readSloTableState(getter(`q=${'x'.repeat(500)}`)).q).toHaveLength(200);
  });

  it('flips the direction on the same column and starts others at their natural one', () => {
    expect(nextSloSort({ sort: 'budget', dir: 'asc' }, 'budget')).toEqual({ sort: 'budget', dir: 'desc' });
    expect(nextSloSort({ sort: 'budget', dir: 'asc' }, 'burn')).toEqual({ sort: 'burn', dir: 'desc' });
    expect(nextSloSort({ sort: 'burn', dir: 'desc' }, 'name')).toEqual({ sort: 'name', dir: 'asc' });
  });
});

describe('SLO detail URL state', () => {
  it('reads the burn span (default 24 hours) and attribution window (default the SLO window)', () => {
    expect(readSloDetailState(getter(''))).toEqual({ burn: '1d', attr: 'slo' });
    expect(readSloDetailState(getter('burn=window&attr=1h'))).toEqual({ burn: 'window', attr: '1h' });
    expect(readSloDetailState(getter('burn=2y&attr=4w'))).toEqual({ burn: '1d', attr: 'slo' });
    expect(sloDetailParamUpdates({ burn: '1d', attr: 'slo' })).toEqual({ burn: null, attr: null });
    expect(sloDetailParamUpdates({ burn: 'window' })).toEqual({ burn: 'window' });
  });

  it('puts the burn chart start before the evaluation time, however it is written', () => {
    expect(burnFrom('window', 'now')).toBeNull();
    expect(burnFrom('7d', 'now')).toBe('now-7d');
    expect(burnFrom('6h', 'now-1h')).toBe(`now-${7 * 3600}s`);
    expect(burnFrom('1d', '1767225600000')).toBe(String(1767225600000 - 86_400_000));
    expect(burnFrom('1d', '2026-01-01T00:00:00Z')).toBe(String(Date.parse('2026-01-01T00:00:00Z') - 86_400_000));
  });
});
