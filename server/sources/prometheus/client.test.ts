import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { matcher } from '@/lib/promql/escape';
import { FLEET, HOSTILE, expectedQuantile } from '@/server/testing/fixture-history';
import { createPrometheusSource } from './client';
import { failure } from '@/server/testing/assertions';

const { promUrl, vmUrl, fixtureEndS } = inject('stack');
const T = fixtureEndS * 1000;
const close = (a: number, b: number) => expect(Math.abs(a - b) / Math.max(1e-12, Math.abs(b))).toBeLessThan(1e-9);

describe.each([
  ['Prometheus 2.42', promUrl],
  ['VictoriaMetrics', vmUrl],
])('Prometheus API adapter against %s', (_name, url) => {
  const prom = createPrometheusSource({ url, timeoutMs: 10_000 });

  it('returns exact per-service rates from an instant query', async () => {
    const samples = await prom.instant('sum by (job) (rate(http_server_request_duration_seconds_count[5m]))', { timeMs: T });
    const byJob = new Map(samples.map((s) => [s.labels.job, s.value]));
    expect(byJob.size).toBe(FLEET.services.length);
    for (const svc of FLEET.services) close(byJob.get(svc.name)!, svc.okRate + svc.errRate);
  });

  it('computes percentiles the way Prometheus documents', async () => {
    const [s] = await prom.instant(`histogram_quantile(0.95, sum by (le) (rate(http_server_request_duration_seconds_bucket{job="payments"}[10m])))`, { timeMs: T });
    close(s!.value, expectedQuantile(0.95, FLEET.services.find((x) => x.name === 'payments')!.latency));
  });

  it('returns range results on the step grid', async () => {
    const series = await prom.range('sum(rate(http_server_request_duration_seconds_count{job="catalog"}[1m]))', { startMs: T - 3_600_000, endMs: T, stepMs: 60_000 });
    expect(series).toHaveLength(1);
    expect(series[0]!.points).toHaveLength(61);
    expect(series[0]!.points[0]![0]).toBe(T - 3_600_000);
    for (const [, v] of series[0]!.points) close(v, 8);
  });

  it('finds a series by a hostile label value, escaped', async () => {
    const samples = await prom.instant(`sum(rate(http_server_request_duration_seconds_count{${matcher('job', HOSTILE)}}[5m]))`, { timeMs: T });
    expect(samples).toHaveLength(1);
    close(samples[0]!.value, 0.55);
  });

  it('clamps the step so a long range never exceeds 11,000 points', async () => {
    const series = await prom.range('vector(1)', { startMs: T - 30 * 86_400_000, endMs: T, stepMs: 1000 });
    expect(series[0]!.points.length).toBeLessThanOrEqual(11_000);
    expect(series[0]!.points.length).toBeGreaterThan(10_000);
  });

  it('lists series, label names and values', async () => {
    const series = await prom.series(['up'], { startMs: T - 600_000, endMs: T });
    expect(series.map((s) => s.instance).sort()).toEqual(FLEET.services.flatMap((s) => s.instances).sort());
    expect(await prom.labelNames({ startMs: T - 600_000, endMs: T })).toEqual(expect.arrayContaining(['job', 'peer_service', 'le']));
    expect((await prom.labelValues('job', { startMs: T - 600_000, endMs: T })).sort()).toEqual(FLEET.services.map((s) => s.name).sort());
  });

  it('reports a syntax error as bad_query with the backend message', async () => {
    const e = await failure(prom.instant('sum(rate(x[5m])', { timeMs: T }));
    expect(e.kind).toBe('bad_query');
    expect(e.message).toMatch(/^prometheus: .*(parse|syntax|unclosed|unexpected)/i);
  });
});

describe('Prometheus-only endpoints', () => {
  const prom = createPrometheusSource({ url: promUrl, timeoutMs: 10_000 });
  it('reads targets, rules and alerts', async () => {
    expect(await prom.targets()).toEqual([]); // the test Prometheus scrapes nothing
    expect(await prom.rules()).toEqual([]);
    expect(await prom.alerts()).toEqual([]);
  });
});

describe('Prometheus adapter failures', () => {
  let silent: Server;
  let html: Server;
  beforeAll(async () => {
    silent = createServer(() => {}); // accepts, never answers
    html = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>'));
    await Promise.all([silent, html].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
  });
  afterAll(() => {
    silent.closeAllConnections();
    silent.close();
    html.close();
  });
  const at = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`;

  it('a dead backend is unavailable', async () => {
    const gone = createServer();
    await new Promise<void>((r) => gone.listen(0, '127.0.0.1', r));
    const url = at(gone);
    await new Promise((r) => gone.close(r));
    const e = await failure(createPrometheusSource({ url, timeoutMs: 2000 }).instant('up'));
    expect(e.kind).toBe('unavailable');
    expect(e.message).toMatch(/ECONNREFUSED/);
  });

  it('a backend that never answers times out within the deadline', async () => {
    const t0 = Date.now();
    const e = await failure(createPrometheusSource({ url: at(silent), timeoutMs: 300 }).instant('up'));
    expect(e.kind).toBe('timeout');
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('an answer that is not the Prometheus API is a bad response', async () => {
    const e = await failure(createPrometheusSource({ url: at(html), timeoutMs: 2000 }).instant('up'));
    expect(e.kind).toBe('bad_response');
    expect(e.message).toMatch(/non-JSON.*text\/html/);
  });
});
