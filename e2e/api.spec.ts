import { ApiErrorBody } from '@/lib/schemas/errors';
import { ServicesResponse } from '@/lib/schemas/services';
import { expect, test } from './fixtures';

/**
 * The JSON API that every view (and any script) uses, over real HTTP through Next: bad input gets a 4xx
 * naming the field, never a 500; the BFF reports on itself.
 */
test.describe('HTTP API', () => {
  test('the services API validates against its schema and lists the fleet', async ({ request }) => {
    const res = await request.get('/api/v1/services?from=now-5m');
    expect(res.status()).toBe(200);
    const body = ServicesResponse.parse(await res.json());
    expect(body.errors).toEqual([]);
    expect(body.services.map((s) => s.name)).toEqual(expect.arrayContaining(['gateway', 'payments', 'email']));
    expect(body.window.endMs - body.window.startMs).toBe(5 * 60_000);
  });

  test('bad time parameters are a 400 that names the field', async ({ request }) => {
    const cases: Array<[string, string]> = [
      ['/api/v1/services?from=yesterday', 'from'],
      ['/api/v1/services?from=now&to=now-1h', 'to'],
      ['/api/v1/services?from=now-1000d', 'from'],
      ['/api/v1/services/gateway/red?width=5', 'width'],
    ];
    for (const [url, field] of cases) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(400);
      const { error } = ApiErrorBody.parse(await res.json());
      expect(error.code).toBe('bad_request');
      expect(error.field, url).toBe(field);
    }
  });

  test('an unknown or hostile service name is a 404, not an injected query', async ({ request }) => {
    for (const name of ['no-such-service', 'a"}) or vector(1) #', 'x\\"y']) {
      const res = await request.get(`/api/v1/services/${encodeURIComponent(name)}?from=now-5m`);
      expect(res.status(), name).toBe(404);
      const { error } = ApiErrorBody.parse(await res.json());
      expect(error.message).toContain(name);
    }
    const tooLong = await request.get(`/api/v1/services/${'x'.repeat(300)}`);
    expect(tooLong.status()).toBe(400);
  });

  test('health, readiness and the BFF’s own metrics', async ({ request }) => {
    expect((await request.get('/api/healthz')).status()).toBe(200);
    const ready = await request.get('/api/readyz');
    expect(ready.status()).toBe(200);
    const checks = (await ready.json()).checks as Record<string, { ok: boolean }>;
    expect(checks).toEqual({ prometheus: { ok: true }, 'registry:etcd': { ok: true } });

    await request.get('/api/v1/services?from=now-15m');
    const metrics = await (await request.get('/metrics')).text();
    expect(metrics).toMatch(/switchyard_upstream_request_duration_seconds_count\{source="prometheus",op="instant",outcome="ok"\} [1-9]/);
    expect(metrics).toMatch(/switchyard_http_requests_total\{route="services",status="200"\} [1-9]/);
    expect(metrics).toMatch(/switchyard_query_cache_requests_total\{result="(miss|hit|coalesced)"\} [1-9]/);
  });
});
