import { describe, expect, it } from 'vitest';
import { ProfileSpec } from '../schemas/config';
import { Slo } from '../schemas/slo';
import { balancedOr, batchQuery, leRegex, promMs, sloQueries, withWindow } from './promql';

// Prometheus anchors regex matchers: `le=~"re"` means ^(?:re)$.
const matches = (re: string, s: string) => new RegExp(`^(?:${re})$`).test(s);

const profile = ProfileSpec.parse({
  service: { requests: 'req_total', errors: 'req_total', errorMatchers: ['code=~"5.."'], buckets: 'lat_bucket', serviceLabel: 'job' },
  edge: { requests: 'edge_total', errors: 'edge_failed_total', buckets: 'edge_bucket', clientLabel: 'client', serverLabel: 'server' },
});

const slo = (indicator: unknown, service = 'checkout') =>
  Slo.parse({ id: 'x', name: 'x', service, objective: 0.999, window: { kind: 'rolling', days: 30 }, indicator, source: { format: 'switchyard', file: 'f' } });

describe('le spellings', () => {
  it.each([
    [0.25, ['0.25', '0.250', '2.5e-01', '2.5e-1', '2.50E-01'], ['0.025', '2.5', '0.255', '25', '0.2', '2.5e+01']],
    [1, ['1', '1.0', '1.00', '1e+00', '1e0', '1.0e+00', '01'], ['10', '0.1', '1.5', '11', '1e+01', '1e-01']],
    [0.5, ['0.5', '5e-01', '0.50'], ['5', '0.05', '0.55']],
    [10, ['10', '10.0', '1e+01', '1.0e+01'], ['1', '100', '1e+00', '1.01']],
    [2.5, ['2.5', '2.50', '2.5e+00'], ['25', '0.25', '2.05']],
    [1e6, ['1000000', '1e+06', '1e6', '1000000.0'], ['100000', '1e+05']],
    [1e-5, ['0.00001', '1e-05', '1e-5'], ['0.0001', '1e-04']],
  ])('%s matches its spellings and nothing else', (x, yes, no) => {
    const re = leRegex(x);
    for (const s of yes) expect(matches(re, s), `${s} should match ${re}`).toBe(true);
    for (const s of no) expect(matches(re, s), `${s} should not match ${re}`).toBe(false);
    expect(matches(re, '+Inf')).toBe(false);
  });

  it('refuses bounds that cannot be buckets', () => {
    expect(() => leRegex(0)).toThrow();
    expect(() => leRegex(Number.POSITIVE_INFINITY)).toThrow();
  });
});

describe('SLO PromQL', () => {
  it('substitutes every window placeholder', () => {
    expect(withWindow('a[{{.window}}] / b[{{.window}}]', '5m')).toBe('a[5m] / b[5m]');
  });

  it('treats a missing error series as zero errors, and zero traffic as 0/0', () => {
    const q = sloQueries(slo({ kind: 'ratio', bad: 'sum(rate(e[{{.window}}]))', total: 'sum(rate(t[{{.window}}]))' }), profile);
    expect(q.total('5m')).toBe('sum(sum(rate(t[5m])))');
    expect(q.bad('5m')).toBe('(sum(sum(rate(e[5m]))) or vector(0))');
    expect(q.errorRatio('5m')).toBe('(sum(sum(rate(e[5m]))) or vector(0)) / sum(sum(rate(t[5m])))');
  });

  it('derives bad events from good ones, naming each selector once in the ratio', () => {
    const q = sloQueries(slo({ kind: 'ratio', good: 'sum(rate(g[{{.window}}]))', total: 'sum(rate(t[{{.window}}]))' }), profile);
    expect(q.bad('1h')).toBe('(sum(sum(rate(t[1h]))) - (sum(sum(rate(g[1h]))) or vector(0)))');
    expect(q.errorRatio('1h')).toBe('1 - (sum(sum(rate(g[1h]))) or vector(0)) / sum(sum(rate(t[1h])))');
  });

  it('reads latency from the histogram bucket at the threshold', () => {
    const q = sloQueries(slo({ kind: 'latency', histogram: 'http_dur_seconds', threshold: 0.25, matchers: ['job="api"'] }), profile);
    const good = `sum(rate(http_dur_seconds_bucket{job="api",le=~"${leRegex(0.25).replace(/\\/g, '\\\\')}"}[5m]))`;
    expect(q.total('5m')).toBe('sum(rate(http_dur_seconds_count{job="api"}[5m]))');
    expect(q.bad('5m')).toBe(`(sum(rate(http_dur_seconds_count{job="api"}[5m])) - ${good})`);
    expect(q.errorRatio('5m')).toBe(`1 - ${good} / sum(rate(http_dur_seconds_count{job="api"}[5m]))`);
  });

  it('builds availability from the metric profile, with escaped names', () => {
    const svc = sloQueries(slo({ kind: 'service-availability' }, 'a"b'), profile);
    expect(svc.total('5m')).toBe('sum (rate(req_total{job="a\\"b"}[5m]))');
    expect(svc.bad('5m')).toBe('(sum (rate(req_total{job="a\\"b",code=~"5.."}[5m])) or vector(0))');
    const edge = sloQueries(slo({ kind: 'edge-availability', source: 'front"end' }, 'db'), profile);
    expect(edge.total('1h')).toBe('sum (rate(edge_total{client="front\\"end",server="db"}[1h]))');
    expect(edge.bad('1h')).toBe('(sum (rate(edge_failed_total{client="front\\"end",server="db"}[1h])) or vector(0))');
  });

  it('batches many SLOs into one query, each tagged with its id', () => {
    expect(batchQuery([{ id: 'a', expr: 'x' }, { id: 'b', expr: 'y / z' }])).toBe('label_replace(x, "slo_id", "a", "", "") or label_replace(y / z, "slo_id", "b", "", "")');
  });

  it('nests the OR as a balanced tree, so Prometheus does not hash quadratically', () => {
    expect(balancedOr(['a', 'b', 'c', 'd', 'e'])).toBe('((a or b) or c) or (d or e)');
    expect(balancedOr(['a'])).toBe('a');
  });

  it('writes any span as whole milliseconds', () => {
    expect(promMs(2_592_000_000 - 1)).toBe('2591999999ms');
  });
});
