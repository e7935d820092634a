import 'server-only';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Slo, SpecProblem } from '@/lib/schemas/slo';
import { SloAttribution, SloDetailResponse, SloListResponse } from '@/lib/schemas/slo-api';
import { SloBudgetSeries, SloBurnSeries } from '@/lib/schemas/slo-status';
import { ApiErrorBody } from '@/lib/schemas/errors';
import type { Container } from '@/server/container';
import { computeSloStatus } from '@/server/slo/compute';
import { sloBudgetSeries, sloBurnSeries } from '@/server/slo/series';
import type { SloStore } from '@/server/slo/spec-store';
import { FLEET } from '@/server/testing/fixture-history';
import { DAY_S, HOUR_S, errorRatio } from '@/server/testing/slo-fixture';
import { expectClose, makeSlo, ratioSlo } from '@/server/testing/slo-expect';
import { viewContainer } from '@/server/testing/view-container';
import { GET as list } from './route';
import { GET as detail } from './[id]/route';
import { GET as budget } from './[id]/budget/route';
import { GET as burn } from './[id]/burn/route';
import { GET as attribution } from './[id]/attribution/route';

/**
 * The SLO routes end to end in-process: the real handlers, a container on the real test Prometheus
 * (the SLO fixture's 35 days, and the main fixture's fleet for attribution), SLOs built here. The
 * numbers must be exactly what server/slo/ computes for the same time, and, where the fixture gives a
 * closed form (slo-fixture.ts events(), FLEET rates), what that closed form says.
 */
const sloStack = inject('sloStack');
const stack = inject('stack');
const E = sloStack.endS * 1000;
const KEY = Symbol.for('switchyard.container');

function store(slos: Slo[], problems: SpecProblem[] = [], files: string[] = ['deploy/slo/test.yaml']): SloStore {
  const byId = new Map(slos.map((s) => [s.id, s]));
  return {
    list: () => slos,
    get: (id) => byId.get(id),
    problems: () => problems,
    files: () => files,
    subscribe: () => () => {},
    reload: () => {},
    close: async () => {},
  };
}

/** Installs a container (what container() returns to the routes) on the given Prometheus with these SLOs. */
function install(promUrl: string, slos: Slo[], problems: SpecProblem[] = []): { c: Container; queries: string[] } {
  const made = viewContainer({ promUrl, kind: 'otel-http' });
  made.c.slos = store(slos, problems);
  made.c.config = { ...made.c.config, slo: { ...made.c.config.slo, paths: ['deploy/slo/'] } };
  (globalThis as Record<symbol, unknown>)[KEY] = made.c;
  return made;
}

afterEach(() => {
  delete (globalThis as Record<symbol, unknown>)[KEY];
});

const get = (path: string) => new Request(`http://switchyard.test${path}`);
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const deps = (c: Container) => ({ prometheus: c.prometheus, profile: c.profile });

const SLOS = () => [
  ratioSlo('steady', 'steady'),
  ratioSlo('steady-999', 'steady', { objective: 0.999, service: 'pay' }),
  ratioSlo('young-7', 'young', { window: { kind: 'rolling', days: 7 } }),
  ratioSlo('calendar', 'steady', { window: { kind: 'calendar-month', timeZone: 'UTC' } }),
];

describe('GET /api/v1/slos', () => {
  it('answers every SLO with the numbers compute.ts gives, spec problems, and sparklines ending at the tile', async () => {
    const problems: SpecProblem[] = [{ file: 'deploy/slo/bad.yaml', field: 'slos[0].objective', message: 'must be below 1', line: 4 }];
    const { c } = install(sloStack.promUrl, SLOS(), problems);
    const res = await list(get(`/api/v1/slos?at=${E}`));
    expect(res.status).toBe(200);
    const body = SloListResponse.parse(await res.json());
    const want = await computeSloStatus(deps(c), c.slos.list(), E);
    expect(body.atMs).toBe(E);
    expect(body.slos).toEqual(want.slos);
    expect(body.errors).toEqual([]);
    expect(body.problems).toEqual(problems);
    expect(body.paths).toEqual(['deploy/slo/']);
    expect(body.files).toEqual(['deploy/slo/test.yaml']);

    // Closed form, not only "what compute says": the 30-day steady SLO.
    const steady = body.slos.find((s) => s.id === 'steady')!;
    expectClose(steady.errorRatio, errorRatio('steady', -30 * DAY_S, 0), 'steady error ratio');

    // Sparklines: 31 points a day apart for 30 days, each the budget over the 30 days before it (the
    // fixture samples on day boundaries, so the summed daily steps are exact), ending on the tile.
    const spark = body.sparklines.steady!;
    expect(spark).toHaveLength(31);
    spark.forEach(([t, v], i) => {
      expect(t).toBe(E - (30 - i) * DAY_S * 1000);
      const tS = (t - E) / 1000;
      const r = errorRatio('steady', tS - 30 * DAY_S, tS);
      expectClose(v, r === null ? null : 1 - r / 0.01, `steady sparkline at ${i}`);
    });
    expect(spark.at(-1)![1]).toBe(steady.budgetRemaining);
    const cal = body.sparklines.calendar!;
    expect(cal.at(-1)).toEqual([E, body.slos.find((s) => s.id === 'calendar')!.budgetRemaining]);
    expect(cal.every(([t]) => t > Date.UTC(2026, 2, 1) && t <= E)).toBe(true);
  });

  it('costs a fixed number of PromQL queries, whatever the number of SLOs', async () => {
    const count = async (slos: Slo[]) => {
      const { queries } = install(sloStack.promUrl, slos);
      expect((await list(get(`/api/v1/slos?at=${E}`))).status).toBe(200);
      return queries.length;
    };
    const few = await count([ratioSlo('a', 'steady'), ratioSlo('b', 'young', { window: { kind: 'rolling', days: 7 } })]);
    const many = await count(Array.from({ length: 60 }, (_, i) => ratioSlo(`s-${i}`, i % 2 ? 'steady' : 'clean', { window: { kind: 'rolling', days: i % 3 ? 30 : 7 } })));
    // compute.ts: the recorded ratios' read, 7 alert windows + (ratio, coverage) per distinct window;
    // sparklines: one per window.
    expect(few).toBe(1 + 7 + 2 * 2 + 2);
    expect(many).toBe(few);
  });

  it('filters by service on the server, and skips sparklines when asked', async () => {
    install(sloStack.promUrl, SLOS());
    const body = SloListResponse.parse(await (await list(get(`/api/v1/slos?at=${E}&service=pay&sparklines=false`))).json());
    expect(body.slos.map((s) => s.id)).toEqual(['steady-999']);
    expect(body.sparklines).toEqual({});
  });

  it('keeps the other SLOs when one query is rejected, and answers a dead Prometheus with errors', async () => {
    const broken = makeSlo('broken', { kind: 'ratio', bad: 'sum(rate(slofx_errors_total[{{.window}}])', total: 'sum(rate(slofx_requests_total[{{.window}}]))' });
    install(sloStack.promUrl, [broken, ratioSlo('steady', 'steady')]);
    const body = SloListResponse.parse(await (await list(get(`/api/v1/slos?at=${E}`))).json());
    expect(body.errors).toEqual([]);
    expect(body.slos.find((s) => s.id === 'broken')!.problems[0]).toMatch(/rejected/);
    expect(body.sparklines.broken).toBeUndefined();
    expect(body.sparklines.steady).toHaveLength(31);

    install('http://127.0.0.1:9', [ratioSlo('steady', 'steady')]);
    const dead = await list(get(`/api/v1/slos?at=${E}`));
    expect(dead.status).toBe(200);
    const d = SloListResponse.parse(await dead.json());
    expect(d.errors.map((e) => [e.source, e.kind])).toEqual([['prometheus', 'unavailable']]);
    expect(d.slos[0]).toMatchObject({ sli: null, alertState: 'no-data' });
  });

  it('rejects bad parameters with a 400 naming them', async () => {
    install(sloStack.promUrl, SLOS());
    for (const [qs, field] of [
      ['at=yesterday', 'at'],
      ['sparklines=maybe', 'sparklines'],
      ['service=', 'service'],
    ] as const) {
      const res = await list(get(`/api/v1/slos?${qs}`));
      expect(res.status, qs).toBe(400);
      expect(ApiErrorBody.parse(await res.json()).error.field).toBe(field);
    }
  });
});

describe('GET /api/v1/slos/{id} and its charts', () => {
  it('answers one SLO: its status, its spec and the spec as YAML', async () => {
    const { c } = install(sloStack.promUrl, SLOS());
    const res = await detail(get(`/api/v1/slos/steady-999?at=${E}`), ctx('steady-999'));
    expect(res.status).toBe(200);
    const body = SloDetailResponse.parse(await res.json());
    const slo = c.slos.get('steady-999')!;
    expect(body.status).toEqual((await computeSloStatus(deps(c), [slo], E)).slos[0]);
    expect(body.spec).toEqual(slo);
    expect(body.specYaml).toContain('objective: 0.999');
    expect(body.specYaml).not.toContain('source:');
  });

  it('404s an unknown id by name and 400s a hostile one, before any query', async () => {
    const { queries } = install(sloStack.promUrl, SLOS());
    for (const route of [detail, budget, burn, attribution]) {
      const missing = await route(get('/api/v1/slos/nope'), ctx('nope'));
      expect(missing.status).toBe(404);
      expect(ApiErrorBody.parse(await missing.json()).error.message).toContain('"nope"');
      for (const hostile of ['we"ird', '../etc', 'UPPER', 'a'.repeat(64), '', 'x\n']) {
        const res = await route(get('/api/v1/slos/x'), ctx(hostile));
        expect(res.status, JSON.stringify(hostile)).toBe(400);
        expect(ApiErrorBody.parse(await res.json()).error.field).toBe('id');
      }
    }
    expect(queries).toEqual([]);
  });

  it('budget: the series.ts answer, at most 1,100 points over 30 days, ending on the tile', async () => {
    const { c } = install(sloStack.promUrl, SLOS());
    const res = await budget(get(`/api/v1/slos/steady/budget?at=${E}`), ctx('steady'));
    expect(res.status).toBe(200);
    const body = SloBudgetSeries.parse(await res.json());
    const slo = c.slos.get('steady')!;
    expect(body).toEqual(await sloBudgetSeries(deps(c), slo, E));
    expect(body.points.length).toBeLessThanOrEqual(1100);
    expect(body.points.length).toBe(721);
    const tile = (await computeSloStatus(deps(c), [slo], E)).slos[0]!.budgetRemaining;
    expect(body.points.at(-1)![0]).toBe(E);
    expectClose(body.points.at(-1)![1], tile, 'last budget point');
  });

  it('burn: the series.ts answer over the window (or from `from`), with the 30-day thresholds', async () => {
    const { c } = install(sloStack.promUrl, SLOS());
    const slo = c.slos.get('steady')!;
    const whole = SloBurnSeries.parse(await (await burn(get(`/api/v1/slos/steady/burn?at=${E}`), ctx('steady'))).json());
    expect(whole).toEqual(await sloBurnSeries(deps(c), slo, E - 30 * DAY_S * 1000, E));
    expect(whole.thresholds.map((t) => t.factor)).toEqual([14.4, 6, 3, 1]);
    for (const s of whole.series) expect(s.points.length).toBeLessThanOrEqual(1100);
    // The 1h burn at E, by the closed form.
    const oneHour = whole.series.find((s) => s.window === '1h')!.points.at(-1)!;
    expect(oneHour[0]).toBe(E);
    expectClose(oneHour[1], errorRatio('steady', -HOUR_S, 0)! / 0.01, '1h burn at E');

    const from = E - 6 * HOUR_S * 1000;
    const six = SloBurnSeries.parse(await (await burn(get(`/api/v1/slos/steady/burn?at=${E}&from=${from}`), ctx('steady'))).json());
    expect(six).toEqual(await sloBurnSeries(deps(c), slo, from, E));

    const bad = await burn(get(`/api/v1/slos/steady/burn?at=${E}&from=${E + 1000}`), ctx('steady'));
    expect(bad.status).toBe(400);
    expect(ApiErrorBody.parse(await bad.json()).error.field).toBe('from');
  });

  it('attribution: callee shares of the service failures on the main fixture', async () => {
    const t = stack.fixtureEndS * 1000;
    const frontend = makeSlo('frontend-availability', { kind: 'service-availability' }, { service: 'frontend', window: { kind: 'rolling', days: 7 } });
    const { queries } = install(stack.promUrl, [frontend]);
    const res = await attribution(get(`/api/v1/slos/frontend-availability/attribution?at=${t}&window=1h`), ctx('frontend-availability'));
    expect(res.status).toBe(200);
    const body = SloAttribution.parse(await res.json());
    const svc = FLEET.services.find((s) => s.name === 'frontend')!;
    const toCheckout = FLEET.edges.find((e) => e.client === 'frontend' && e.server === 'checkout')!;
    expectClose(body.serviceFailed, svc.errRate * 3600, 'frontend failed requests');
    const checkout = body.dependencies.find((d) => d.service === 'checkout')!;
    expectClose(checkout.failed, toCheckout.errRate * 3600, 'failed calls to checkout');
    expectClose(checkout.share, toCheckout.errRate / svc.errRate, 'checkout share');
    expectClose(body.itself, 1 - toCheckout.errRate / svc.errRate, 'frontend itself');
    expect(queries).toHaveLength(2);

    const bad = await attribution(get(`/api/v1/slos/frontend-availability/attribution?window=2w`), ctx('frontend-availability'));
    expect(bad.status).toBe(400);
    expect(ApiErrorBody.parse(await bad.json()).error.field).toBe('window');
  });
});
