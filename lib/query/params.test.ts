import { describe, expect, it } from 'vitest';
import { rangeParamUpdates, readRangeState, refreshIntervalMs, withRange } from './range-params';
import { nextSort, readServicesTableState, tableParamUpdates } from './services-table-params';

const getter = (qs: string) => {
  const p = new URLSearchParams(qs);
  return (k: string) => p.get(k);
};

describe('range params', () => {
  it('reads the URL and falls back to defaults for missing or bad values', () => {
    expect(readRangeState(getter(''))).toEqual({ from: 'now-15m', to: 'now', refresh: 'off' });
    expect(readRangeState(getter('from=now-1h&refresh=10s'))).toEqual({ from: 'now-1h', to: 'now', refresh: '10s' });
    expect(readRangeState(getter('from=yesterday&to=now-5x&refresh=2s'))).toEqual({ from: 'now-15m', to: 'now', refresh: 'off' });
    expect(readRangeState(getter('from=1790000000000&to=1790000900000')).from).toBe('1790000000000');
  });

  it('leaves defaults out of the URL', () => {
    expect(rangeParamUpdates({ from: 'now-15m', to: 'now', refresh: 'off' })).toEqual({ from: null, to: null, refresh: null });
    expect(rangeParamUpdates({ from: 'now-6h' })).toEqual({ from: 'now-6h' });
    expect(withRange('/services/x', { from: 'now-1h', to: 'now', refresh: '5s' })).toBe('/services/x?from=now-1h&refresh=5s');
    expect(withRange('/services', { from: 'now-15m', to: 'now', refresh: 'off' })).toBe('/services');
  });

  it('maps refresh intervals to milliseconds', () => {
    expect(refreshIntervalMs('off')).toBe(false);
    expect(refreshIntervalMs('10s')).toBe(10_000);
    expect(refreshIntervalMs('5m')).toBe(300_000);
  });
});

describe('services table params', () => {
  it('reads with defaults and per-column natural direction', () => {
    expect(readServicesTableState(getter(''))).toEqual({ q: '', health: null, sort: 'name', dir: 'asc' });
    expect(readServicesTableState(getter('sort=rps'))).toMatchObject({ sort: 'rps', dir: 'desc' });
    expect(readServicesTableState(getter('sort=bogus&health=purple&q=pay'))).toEqual({ q: 'pay', health: null, sort: 'name', dir: 'asc' });
    expect(readServicesTableState(getter('health=critical&sort=errorRatio&dir=asc'))).toMatchObject({ health: 'critical', sort: 'errorRatio', dir: 'asc' });
  });

  it('writes only non-defaults', () => {
    expect(tableParamUpdates({ q: '  ' })).toEqual({ q: null });
    expect(tableParamUpdates({ sort: 'name', dir: 'asc' })).toEqual({ sort: null, dir: null });
    expect(tableParamUpdates({ sort: 'rps', dir: 'desc' })).toEqual({ sort: 'rps', dir: 'desc' });
    expect(tableParamUpdates({ health: null })).toEqual({ health: null });
  });

  it('flips the current column and starts others at their natural direction', () => {
    expect(nextSort({ sort: 'name', dir: 'asc' }, 'name')).toEqual({ sort: 'name', dir: 'desc' });
    expect(nextSort({ sort: 'name', dir: 'asc' }, 'errorRatio')).toEqual({ sort: 'errorRatio', dir: 'desc' });
    expect(nextSort({ sort: 'errorRatio', dir: 'desc' }, 'errorRatio')).toEqual({ sort: 'errorRatio', dir: 'asc' });
  });
});
