import 'server-only';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { PreviewRequest } from '@/lib/schemas/policy-api';
import { expectedErrorRatio, FLEET } from '@/server/testing/fixture-history';
import { removeRegistryFiles, viewContainer } from '@/server/testing/view-container';
import { previewImpact } from './preview';

/**
 * The impact preview on the real test Prometheus and its fixture history (constant rates, so every
 * step of the last hour carries the same numbers). Expected values come from the fixture's parameters
 * and the models' rules written out here, never from the code under test.
 */
const stack = inject('stack');
const END_MS = stack.fixtureEndS * 1000;
afterAll(() => removeRegistryFiles());

const frontend = FLEET.services.find((s) => s.name === 'frontend')!;
const toPayments = FLEET.edges.find((e) => e.client === 'checkout' && e.server === 'payments')!;
// The test config scrapes every 15 s: an hour in 15 s steps, both ends included.
const STEP_S = 15;
const STEPS = 3600 / STEP_S + 1;

const preview = (spec: unknown, promUrl = stack.promUrl) => {
  const { c, queries } = viewContainer({ promUrl, kind: 'otel-http' });
  return { run: previewImpact(c, PreviewRequest.parse({ spec }), END_MS), queries };
};

describe('previewImpact', () => {
  it('replays an inbound per-instance rate limit over the service’s traffic: drains the burst, then rejects the excess', async () => {
    const { run, queries } = preview({ target: { kind: 'service', service: 'frontend' }, rateLimit: { ratePerSecond: 5, burst: 20 } });
    const r = await run;
    const total = frontend.okRate + frontend.errRate; // 12.12 req/s
    const n = frontend.instances.length; // 2, from the scrape targets (no registry here)
    const R = 5 * n;
    const B = 20 * n;
    expect(r.errors).toEqual([]);
    expect([r.startMs, r.endMs, r.stepMs]).toEqual([END_MS - 3_600_000, END_MS, STEP_S * 1000]);
    expect(r.traffic).toHaveLength(STEPS);
    for (const [, v] of r.traffic) expect(v).toBeCloseTo(total, 9);
    for (const [, v] of r.errorRatio) expect(v).toBeCloseTo(expectedErrorRatio(frontend), 9);
    // The bucket of 40 drains at 12.12 − 10 = 2.12/s: empty 18.9 s in, within the second step.
    const drainS = B / (total - R);
    expect(drainS).toBeGreaterThan(STEP_S);
    expect(r.wouldReject[0]![1]).toBe(0);
    expect(r.wouldReject[1]![1]).toBeCloseTo(((total - R) * (2 * STEP_S - drainS)) / STEP_S, 9);
    for (const [, v] of r.wouldReject.slice(2)) expect(v).toBeCloseTo(total - R, 9);
    // Over the hour: the excess for every step's seconds, less the burst it absorbed.
    const seconds = STEPS * STEP_S;
    expect(r.rejectedPerMinute).toBeCloseTo((((total - R) * seconds - B) / seconds) * 60, 9);
    expect(r.breakerOpenings).toBeNull();
    expect(r.breakerOpen).toEqual([]);
    expect(r.notes.join('\n')).toMatch(/2 instances of frontend \(metrics\)/);
    // Two range queries and the instance count: fixed.
    expect(queries).toHaveLength(3);
  });

  it('shares a global rate among the instances: the whole service gets 5/s', async () => {
    const r = await preview({ target: { kind: 'service', service: 'frontend' }, rateLimit: { ratePerSecond: 5, burst: 20, scope: 'global' } }).run;
    const total = frontend.okRate + frontend.errRate;
    for (const [, v] of r.wouldReject.slice(2)) expect(v).toBeCloseTo(total - 5, 9);
    const seconds = STEPS * STEP_S;
    expect(r.rejectedPerMinute).toBeCloseTo((((total - 5) * seconds - 40) / seconds) * 60, 9);
  });

  it('replays an edge breaker over the caller’s calls: opens, sheds for its open duration, probes, and again', async () => {
    const cb = { failureRateThreshold: 0.1, minimumCalls: 20, slidingWindow: { kind: 'count', size: 100 }, openDurationMs: 30_000, halfOpenProbes: 1 };
    const r = await preview({ target: { kind: 'edge', source: 'checkout', target: 'payments' }, circuitBreaker: cb }).run;
    const rate = toPayments.okRate + toPayments.errRate; // 3 calls/s
    const ratio = expectedErrorRatio(toPayments); // 1/6
    for (const [, v] of r.traffic) expect(v).toBeCloseTo(rate, 9);
    for (const [, v] of r.errorRatio) expect(v).toBeCloseTo(ratio, 9);
    // One step brings 45 calls (≥ 20) failing at 1/6 ≥ 0.1: the breaker opens at its end, stays open
    // 30 s = 2 steps, then one probe passes (5/6 ≥ ½), the window starts empty, and the next step
    // opens it again: a cycle of 3 steps, the first of each closed.
    expect(rate * STEP_S).toBeGreaterThanOrEqual(20);
    expect(1 - ratio).toBeGreaterThanOrEqual(0.5);
    const cycle = 1 + 30 / STEP_S;
    const closed = Math.ceil(STEPS / cycle);
    expect(r.breakerOpenings).toBe(closed);
    expect(r.breakerOpen).toHaveLength(STEPS - closed);
    expect(r.breakerOpen.every(([, v]) => v === 1)).toBe(true);
    expect(r.breakerOpen[0]![0]).toBe(r.startMs + STEP_S * 1000);
    expect(r.wouldReject).toEqual([]);
    expect(r.rejectedPerMinute).toBeNull();
    expect(r.notes.join('\n')).toMatch(/checkout's client-side metrics/);

    const calm = await preview({ target: { kind: 'edge', source: 'checkout', target: 'payments' }, circuitBreaker: { ...cb, failureRateThreshold: 0.5 } }).run;
    expect(calm.breakerOpenings).toBe(0);
    expect(calm.breakerOpen).toEqual([]);
  });

  it('says when there was no traffic, and names a Prometheus it cannot reach', async () => {
    const idle = await preview({ target: { kind: 'service', service: 'nobody' }, rateLimit: { ratePerSecond: 1, burst: 1 }, circuitBreaker: {} }).run;
    expect(idle.traffic.every(([, v]) => v === null)).toBe(true);
    expect(idle.rejectedPerMinute).toBeNull();
    expect(idle.breakerOpenings).toBe(0);
    expect(idle.notes.join('\n')).toMatch(/No traffic/);

    const down = await preview({ target: { kind: 'service', service: 'frontend' }, rateLimit: { ratePerSecond: 1, burst: 1 }, circuitBreaker: {} }, 'http://127.0.0.1:9').run;
    expect(down.errors.map((e) => e.source)).toEqual(['prometheus']);
    expect(down.traffic).toEqual([]);
    expect(down.rejectedPerMinute).toBeNull();
    expect(down.breakerOpenings).toBeNull();
  });
});
