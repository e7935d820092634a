import { describe, expect, it } from 'vitest';
import type { RegistryInstance } from '@/lib/schemas/registry';
import { SwitchyardConfig } from '@/lib/schemas/config';
import { groupOf, servedStats, topologyEdge } from './graph-parts';

const inst = (metadata: Record<string, string>, i = 0): RegistryInstance => ({ service: 's', id: `i${i}`, address: `10.0.0.${i}:80`, metadata });

describe('groupOf', () => {
  it('takes the value most instances carry, ties to the alphabetically first, null when none has the key', () => {
    expect(groupOf([inst({ team: 'b' }, 1), inst({ team: 'a' }, 2), inst({ team: 'b' }, 3)], 'team')).toBe('b');
    expect(groupOf([inst({ team: 'z' }, 1), inst({ team: 'm' }, 2)], 'team')).toBe('m');
    expect(groupOf([inst({ team: 'm' }, 1), inst({ team: 'z' }, 2)], 'team')).toBe('m');
    expect(groupOf([inst({ zone: 'a' })], 'team')).toBeNull();
    expect(groupOf([], 'team')).toBeNull();
    expect(groupOf(undefined, 'team')).toBeNull();
    // An inherited property is not metadata.
    expect(groupOf([inst({})], 'constructor')).toBeNull();
  });
});

describe('servedStats', () => {
  const edge = (rps: number | null, errorRatio: number | null, p95: number | null = 0.1) => ({ rps, errorRatio, p50: 0.05, p95, p99: 0.2 });

  it('adds rates and weights error ratios over the incoming edges; drops quantiles, which do not add', () => {
    expect(servedStats([edge(3, 0.5), edge(1, 0.1)])).toEqual({ rps: 4, errorRatio: (1.5 + 0.1) / 4, p50: null, p95: null, p99: null });
    expect(servedStats([edge(3, 0.5), edge(1, null)])).toEqual({ rps: 4, errorRatio: null, p50: null, p95: null, p99: null });
  });

  it('keeps the one busy edge as it is (an idle edge adds nothing), is idle with no traffic in, unknown with no edge in', () => {
    expect(servedStats([edge(2, 0.25, 0.3), edge(0, null, null)])).toEqual({ rps: 2, errorRatio: 0.25, p50: 0.05, p95: 0.3, p99: 0.2 });
    expect(servedStats([])).toEqual({ rps: null, errorRatio: null, p50: null, p95: null, p99: null });
    expect(servedStats([edge(0, null, null)])).toEqual({ rps: 0, errorRatio: null, p50: null, p95: null, p99: null });
  });

  it('does not know the rate when an incoming edge rate is unknown', () => {
    expect(servedStats([edge(2, 0.1), edge(null, null)])).toEqual({ rps: null, errorRatio: null, p50: null, p95: null, p99: null });
  });
});

describe('topologyEdge', () => {
  const t = SwitchyardConfig.parse({}).health; // 0.1 % / 10 % errors, 0.5 s / 2 s p95
  const stats = (rps: number | null, errorRatio: number | null, p95: number | null) => ({ rps, errorRatio, p50: null, p95, p99: null });

  it('is dashed (no traffic) and idle when nothing flowed in the window, unknown when the rate is unknown', () => {
    expect(topologyEdge('a', 'b', stats(0, null, null), t)).toEqual({ id: 'a\u2192b', source: 'a', target: 'b', ...stats(0, null, null), health: 'idle', traffic: false });
    expect(topologyEdge('a', 'b', stats(null, null, null), t)).toMatchObject({ health: 'unknown', traffic: false });
  });

  it('carries traffic with health from the thresholds', () => {
    expect(topologyEdge('a', 'b', stats(0.01, 0, 0.1), t)).toMatchObject({ health: 'healthy', traffic: true });
    expect(topologyEdge('a', 'b', stats(5, 0.02, 0.1), t)).toMatchObject({ health: 'warning', traffic: true });
    expect(topologyEdge('a', 'b', stats(5, 0, 2.5), t)).toMatchObject({ health: 'critical', traffic: true });
  });
});
