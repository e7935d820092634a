import { describe, expect, it } from 'vitest';
import { DEFAULT_TOPOLOGY_VIEW, readHops, readMinRps, readTopologyViewState, topologyParamUpdates } from './topology-params';
import { topologyKeys, topologyQuery, topologyUrl } from './topology';

const getter = (qs: string) => {
  const p = new URLSearchParams(qs);
  return (k: string) => p.get(k);
};

describe('topology view state in the URL', () => {
  it('the plain URL is the default view', () => {
    expect(readTopologyViewState(getter(''))).toEqual(DEFAULT_TOPOLOGY_VIEW);
  });

  it('reads every param', () => {
    const s = readTopologyViewState(getter('q=pay&focus=payments&up=2&down=3&filter=unhealthy&minRps=0.5&groupBy=team&only=orders&labels=p95&sel=checkout%E2%86%92payments&at=1795521600000'));
    expect(s).toEqual({ q: 'pay', focus: 'payments', up: 2, down: 3, filter: 'unhealthy', minRps: 0.5, groupBy: 'team', only: 'orders', labels: 'p95', sel: 'checkout\u2192payments', at: 1_795_521_600_000 });
  });

  it('falls back to defaults for unreadable values instead of breaking the page', () => {
    const s = readTopologyViewState(getter('up=abc&down=-1&filter=everything&minRps=lots&groupBy=%3Cscript%3E&labels=bogus&focus=%20%20&sel=&at=yesterday'));
    expect(s).toEqual(DEFAULT_TOPOLOGY_VIEW);
  });

  it('clamps hop counts to 1–5', () => {
    expect(readHops('0', 1)).toBe(1);
    expect(readHops('9', 1)).toBe(5);
    expect(readHops('4', 1)).toBe(4);
    expect(readHops('2.5', 1)).toBe(1);
    expect(readHops(null, 3)).toBe(3);
  });

  it('a zero or negative req/s threshold is no threshold', () => {
    expect(readMinRps('0')).toBeNull();
    expect(readMinRps('-2')).toBeNull();
    expect(readMinRps('Infinity')).toBeNull();
    expect(readMinRps('0.25')).toBe(0.25);
  });

  it('"none" means no grouping; keys follow the API rule', () => {
    expect(readTopologyViewState(getter('groupBy=none')).groupBy).toBeNull();
    expect(readTopologyViewState(getter('groupBy=k8s.io/team')).groupBy).toBe('k8s.io/team');
  });

  it('writes only what differs from the default', () => {
    expect(topologyParamUpdates({ up: 1, down: 1, labels: 'rps', minRps: 0, q: '  ' })).toEqual({ up: null, down: null, labels: null, minRps: null, q: null });
    expect(topologyParamUpdates({ up: 3, labels: 'none', minRps: 2, focus: 'payments', sel: null, filter: 'errors', groupBy: 'zone' })).toEqual({
      up: '3',
      labels: 'none',
      minRps: '2',
      focus: 'payments',
      sel: null,
      filter: 'errors',
      groupBy: 'zone',
    });
  });

  it('the replay moment: written as unix ms, removed for live', () => {
    expect(topologyParamUpdates({ at: 1_795_521_600_000 })).toEqual({ at: '1795521600000' });
    expect(topologyParamUpdates({ at: null })).toEqual({ at: null });
    expect(readTopologyViewState(getter('at=now-5m')).at).toBeNull();
  });

  it('round-trips: what is written reads back the same', () => {
    const view = { ...DEFAULT_TOPOLOGY_VIEW, focus: 'payments', up: 2, filter: 'unhealthy' as const, minRps: 1.5, labels: 'errors' as const, sel: 'payments', at: 1_795_521_630_000 };
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(topologyParamUpdates(view))) if (v !== null) qs.set(k, v);
    expect(readTopologyViewState(getter(qs.toString()))).toEqual(view);
  });
});

describe('topology query', () => {
  it('keys on the range as written and the grouping, never on view-only state', () => {
    expect(topologyKeys.graph({ from: 'now-1h', to: 'now' }, 'team')).toEqual(['topology', 'graph', { from: 'now-1h', to: 'now', groupBy: 'team' }]);
    expect(topologyQuery({ from: 'now-15m', to: 'now' }, null).queryKey).toEqual(['topology', 'graph', { from: 'now-15m', to: 'now', groupBy: null }]);
  });

  it('sends groupBy only when grouping', () => {
    expect(topologyUrl({ from: 'now-15m', to: 'now' }, null)).toBe('/api/v1/topology?from=now-15m&to=now');
    expect(topologyUrl({ from: 'now-1m', to: 'now' }, 'team')).toBe('/api/v1/topology?from=now-1m&to=now&groupBy=team');
  });
});
