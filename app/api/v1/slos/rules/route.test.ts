import 'server-only';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { parse } from 'yaml';
import type { Slo } from '@/lib/schemas/slo';
import { ApiErrorBody } from '@/lib/schemas/errors';
import { RuleFile } from '@/lib/schemas/slo-rules';
import { generateRules } from '@/lib/slo/rules';
import type { SloStore } from '@/server/slo/spec-store';
import { makeSlo, ratioSlo } from '@/server/testing/slo-expect';
import { viewContainer } from '@/server/testing/view-container';
import { GET } from './route';

const KEY = Symbol.for('switchyard.container');
const dir = mkdtempSync(join(tmpdir(), 'switchyard-rules-route-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[KEY];
});

const slos: Slo[] = [
  ratioSlo('checkout-avail', 'steady', { service: 'checkout' }),
  makeSlo('payments-edge', { kind: 'edge-availability', source: 'checkout' }, { service: 'payments' }),
  makeSlo('cart-month', { kind: 'service-availability' }, { service: 'cart', window: { kind: 'calendar-month', timeZone: 'Europe/Berlin' } }),
];

function install(externalUrl?: string) {
  const { c } = viewContainer({ promUrl: inject('stack').promUrl, kind: 'otel-http' });
  const byId = new Map(slos.map((s) => [s.id, s]));
  const store: SloStore = { list: () => slos, get: (id) => byId.get(id), problems: () => [], files: () => [], subscribe: () => () => {}, reload: () => {}, close: async () => {} };
  c.slos = store;
  c.config = { ...c.config, externalUrl };
  (globalThis as Record<symbol, unknown>)[KEY] = c;
  return c;
}

const get = (query: string) => GET(new Request(`http://switchyard.test/api/v1/slos/rules${query}`));

describe('GET /api/v1/slos/rules', () => {
  it('downloads every SLO\'s rules as YAML that promtool accepts, linking to the configured URL', async () => {
    const c = install('https://slo.example.com');
    const res = await get('');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/yaml; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="switchyard-slo.rules.yaml"');
    const text = await res.text();
    const file = RuleFile.parse(parse(text));
    expect(file).toEqual(generateRules(slos, { profile: c.profile, baseUrl: 'https://slo.example.com' }));
    const alert = file.groups.flatMap((g) => g.rules).find((r) => 'alert' in r && r.labels?.slo_id === 'payments-edge');
    expect(alert && 'annotations' in alert ? alert.annotations?.triage_url : null).toBe('https://slo.example.com/triage?slo=payments-edge');
    writeFileSync(join(dir, 'all.yaml'), text);
    const check = spawnSync('promtool', ['check', 'rules', join(dir, 'all.yaml')], { encoding: 'utf8' });
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  });

  it('narrows to ids or a service, and answers JSON', async () => {
    install();
    const one = await get('?id=payments-edge&format=json');
    expect(one.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(one.headers.get('content-disposition')).toBe('attachment; filename="payments-edge.rules.json"');
    const file = RuleFile.parse(await one.json());
    expect(file.groups.map((g) => g.name)).toEqual(['switchyard-slo-payments-edge', 'switchyard-slo-payments-edge-period']);
    // Without externalUrl the link is a path.
    const alert = file.groups[0]!.rules.find((r) => 'alert' in r);
    expect(alert && 'annotations' in alert ? alert.annotations?.triage_url : null).toBe('/triage?slo=payments-edge');
    const svc = RuleFile.parse(parse(await (await get('?service=cart')).text()));
    expect(svc.groups.map((g) => g.name)).toEqual(['switchyard-slo-cart-month']);
  });

  it('names the bad parameter, and the unknown SLO', async () => {
    install();
    const bad = await get('?format=toml');
    expect(bad.status).toBe(400);
    expect(ApiErrorBody.parse(await bad.json()).error.field).toBe('format');
    const badId = await get('?id=Not_An_Id');
    expect(badId.status).toBe(400);
    expect(ApiErrorBody.parse(await badId.json()).error.field).toMatch(/^id/);
    const missing = await get('?id=checkout-avail,nope');
    expect(missing.status).toBe(404);
    expect(ApiErrorBody.parse(await missing.json()).error.message).toContain('"nope"');
  });
});
