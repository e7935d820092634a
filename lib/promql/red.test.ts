import { describe, expect, it } from 'vitest';
import { ProfileSpec } from '../schemas/config';
import { ERRORS, RATE, byInstanceQuery, edgeStatQuery, edgeTotalQuery, quantile, serviceStatQuery, serviceTotalQuery, upQuery } from './red';

const spec = ProfileSpec.parse({
  service: { requests: 'req_total', errors: 'req_total', errorMatchers: ['code=~"5.."'], buckets: 'lat_bucket', matchers: ['env="prod"'], serviceLabel: 'job' },
  edge: { requests: 'edge_total', errors: 'edge_failed_total', buckets: 'edge_bucket', clientLabel: 'client', serverLabel: 'server' },
  up: { serviceLabel: 'job', instanceLabel: 'instance' },
});

describe('RED PromQL', () => {
  it('groups every service query by the service label', () => {
    expect(serviceStatQuery(spec, RATE, '5m')).toBe('sum by (job) (rate(req_total{env="prod"}[5m]))');
    expect(serviceStatQuery(spec, ERRORS, '5m')).toBe('sum by (job) (rate(req_total{env="prod",code=~"5.."}[5m]))');
    expect(serviceStatQuery(spec, quantile(0.95), '1h')).toBe('histogram_quantile(0.95, sum by (job, le) (rate(lat_bucket{env="prod"}[1h])))');
  });

  it('escapes hostile service names instead of splicing them', () => {
    const q = serviceStatQuery(spec, RATE, '5m', 'a"}) or vector(1) #\\');
    expect(q).toBe('sum by (job) (rate(req_total{env="prod",job="a\\"}) or vector(1) #\\\\"}[5m]))');
    expect(serviceTotalQuery(spec, RATE, '1m', 'x\ny')).toBe('sum (rate(req_total{env="prod",job="x\\ny"}[1m]))');
  });

  it('finds edges in both directions with one query', () => {
    expect(edgeStatQuery(spec, RATE, '5m', 'cart')).toBe(
      'sum by (client, server) (rate(edge_total{client="cart"}[5m])) or sum by (client, server) (rate(edge_total{server="cart"}[5m]))',
    );
    expect(edgeStatQuery(spec, ERRORS, '5m')).toBe('sum by (client, server) (rate(edge_failed_total[5m]))');
  });

  it('sums one edge, or every call into a server, into one series, escaping both ends', () => {
    expect(edgeTotalQuery(spec, RATE, '1m', { client: 'cart', server: 'db' })).toBe('sum (rate(edge_total{client="cart",server="db"}[1m]))');
    expect(edgeTotalQuery(spec, ERRORS, '1m', { server: 'db' })).toBe('sum (rate(edge_failed_total{server="db"}[1m]))');
    expect(edgeTotalQuery(spec, quantile(0.95), '1m', { client: 'a"} or vector(1) #', server: 'b\\' })).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(edge_bucket{client="a\\"} or vector(1) #",server="b\\\\"}[1m])))',
    );
  });

  it('rejects quantiles outside (0, 1)', () => {
    expect(() => serviceStatQuery(spec, quantile(1.5), '5m')).toThrow(/quantile/);
  });

  it('asks scrape health per instance', () => {
    expect(upQuery(spec, 'cart')).toBe('max by (instance) (up{job="cart"})');
  });

  it('splits a service or one edge by instance, buckets by le unaggregated', () => {
    expect(byInstanceQuery(spec, 'rate', '5m', { service: 'cart' }, 'instance')).toBe('sum by (instance) (rate(req_total{env="prod",job="cart"}[5m]))');
    expect(byInstanceQuery(spec, 'errors', '5m', { client: 'a', server: 'b"' }, 'pod')).toBe('sum by (pod) (rate(edge_failed_total{client="a",server="b\\""}[5m]))');
    expect(byInstanceQuery(spec, 'buckets', '5m', { service: 'cart' }, 'instance')).toBe('sum by (instance, le) (rate(lat_bucket{env="prod",job="cart"}[5m]))');
  });
});
