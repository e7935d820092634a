import { describe, expect, it } from 'vitest';
import { CircuitBreakerSpec, type BreakerState } from '../../lib/schemas/policy';
import { CircuitBreaker, type Permit } from './breaker';
import { FakeClock } from './clock';

/** The breaker driven by a fake clock: every transition of its state machine and the edges of each rule. */

function setup(over: Partial<CircuitBreakerSpec> = {}) {
  const clock = new FakeClock(1_000_000);
  const changes: string[] = [];
  const spec = CircuitBreakerSpec.parse({ minimumCalls: 4, failureRateThreshold: 0.5, openDurationMs: 1_000, halfOpenProbes: 2, slidingWindow: { kind: 'count', size: 4 }, ...over });
  const breaker = new CircuitBreaker(spec, clock, (from: BreakerState, to: BreakerState) => changes.push(`${from}>${to}`));
  /** One call that takes `ms` and fails or not; returns whether it was let through. */
  const call = (failed: boolean, ms = 1): boolean => {
    const p = breaker.tryAcquire();
    if (!p.allowed) return false;
    clock.advance(ms);
    p.done(failed);
    return true;
  };
  const calls = (pattern: string, ms = 1) => [...pattern].map((c) => call(c === 'F', ms));
  return { clock, breaker, changes, call, calls, spec };
}

function acquired(p: Permit): Extract<Permit, { allowed: true }> {
  if (!p.allowed) throw new Error(`rejected: ${p.reason}`);
  return p;
}

describe('CircuitBreaker: closed → open', () => {
  it('decides nothing before minimumCalls, then opens at a failure ratio equal to the threshold', () => {
    const { breaker, calls, changes } = setup();
    calls('FFF'); // 3 calls, all failed, but fewer than minimumCalls = 4
    expect(breaker.state).toBe('closed');
    calls('S'); // 3/4 ≥ 0.5
    expect(breaker.state).toBe('open');
    expect(changes).toEqual(['closed>open']);
  });

  it('stays closed just under the threshold and opens exactly at it', () => {
    const under = setup({ failureRateThreshold: 0.5, minimumCalls: 4, slidingWindow: { kind: 'count', size: 8 } });
    under.calls('SSSFSSSF'); // 2/8 = 0.25
    expect(under.breaker.state).toBe('closed');
    const at = setup({ failureRateThreshold: 0.5, minimumCalls: 4, slidingWindow: { kind: 'count', size: 4 } });
    at.calls('SSFF'); // 2/4 = 0.5
    expect(at.breaker.state).toBe('open');
  });

  it('counts only the last N calls of a count window', () => {
    // 5 failures of 8 calls overall (0.625) would not reach 0.75; the last four (S F F F) do.
    const { breaker, calls } = setup({ failureRateThreshold: 0.75, slidingWindow: { kind: 'count', size: 4 } });
    calls('FFSSSFF');
    expect(breaker.state).toBe('closed'); // window S S F F = 0.5
    calls('F');
    expect(breaker.state).toBe('open');
  });

  it('caps minimumCalls at the size of a count window, else it could never open', () => {
    const { breaker, calls } = setup({ minimumCalls: 20, slidingWindow: { kind: 'count', size: 3 } });
    calls('FF');
    expect(breaker.state).toBe('closed');
    calls('F');
    expect(breaker.state).toBe('open');
  });

  it('opens on the slow-call ratio; slow means a duration ≥ slowCallDurationMs', () => {
    const fast = setup({ slowCallDurationMs: 100, slowCallRateThreshold: 0.5, minimumCalls: 2, failureRateThreshold: 1 });
    fast.calls('SS', 99);
    expect(fast.breaker.state).toBe('closed');
    const slow = setup({ slowCallDurationMs: 100, slowCallRateThreshold: 0.5, minimumCalls: 2, failureRateThreshold: 1 });
    slow.call(false, 99);
    slow.call(false, 100); // 1 slow of 2 = 0.5, though nothing failed
    expect(slow.breaker.state).toBe('open');
  });

  it('counts the calls of the last N seconds of a time window, in whole-second buckets', () => {
    // Window of 10 s: the current second plus the 9 before it. Failures at 0.5 s, 1.5 s and one more.
    const late = setup({ minimumCalls: 3, failureRateThreshold: 1, slidingWindow: { kind: 'time', seconds: 10 } });
    late.clock.set(500);
    late.call(true, 0);
    late.clock.set(1_500);
    late.call(true, 0);
    late.clock.set(10_200); // second 10: second 0 has left the window, 2 calls remain
    late.call(true, 0);
    expect(late.breaker.state).toBe('closed');

    const inTime = setup({ minimumCalls: 3, failureRateThreshold: 1, slidingWindow: { kind: 'time', seconds: 10 } });
    inTime.clock.set(500);
    inTime.call(true, 0);
    inTime.clock.set(1_500);
    inTime.call(true, 0);
    inTime.clock.set(9_900); // second 9: seconds 0..9 are all in, 3 calls
    inTime.call(true, 0);
    expect(inTime.breaker.state).toBe('open');
  });

  it('forgets a time window entirely after a quiet spell longer than it', () => {
    const { breaker, clock, call } = setup({ minimumCalls: 3, failureRateThreshold: 0.5, slidingWindow: { kind: 'time', seconds: 5 } });
    call(false, 0);
    call(false, 0);
    clock.advance(60_000);
    call(true, 0);
    call(true, 0);
    expect(breaker.state).toBe('closed'); // 2 calls in the window: the two successes are long gone
    call(true, 0);
    expect(breaker.state).toBe('open');
  });
});

describe('CircuitBreaker: open → half-open → closed or open', () => {
  it('rejects for openDurationMs, saying when to retry, then lets probes through', () => {
    const { breaker, clock, calls, changes } = setup();
    calls('FFFF');
    const rejected = breaker.tryAcquire();
    expect(rejected).toEqual({ allowed: false, reason: 'open', retryAfterMs: 1_000 });
    clock.advance(999);
    expect(breaker.tryAcquire()).toEqual({ allowed: false, reason: 'open', retryAfterMs: 1 });
    expect(breaker.state).toBe('open');
    clock.advance(1);
    expect(breaker.state).toBe('half-open');
    expect(changes).toEqual(['closed>open', 'open>half-open']);
  });

  it('admits exactly halfOpenProbes calls, rejects the excess, and closes when all succeed', () => {
    const { breaker, clock, calls, changes } = setup({ halfOpenProbes: 3 });
    calls('FFFF');
    clock.advance(1_000);
    const probes = [breaker.tryAcquire(), breaker.tryAcquire(), breaker.tryAcquire()].map(acquired);
    expect(breaker.tryAcquire()).toMatchObject({ allowed: false, reason: 'half-open-full' });
    probes[0]!.done(false);
    probes[1]!.done(false);
    expect(breaker.state).toBe('half-open');
    probes[2]!.done(false);
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['closed>open', 'open>half-open', 'half-open>closed']);
  });

  it('starts closed with an empty window: old failures do not count again', () => {
    const { breaker, clock, calls } = setup({ halfOpenProbes: 1 });
    calls('FFFF');
    clock.advance(1_000);
    calls('S');
    expect(breaker.state).toBe('closed');
    calls('FFF'); // 3 calls in the fresh window, under minimumCalls
    expect(breaker.state).toBe('closed');
    calls('F');
    expect(breaker.state).toBe('open');
  });

  it('re-opens on the first failed probe, for a full openDurationMs from then, ignoring the other probes', () => {
    const { breaker, clock, calls, changes } = setup({ halfOpenProbes: 3 });
    calls('FFFF');
    clock.advance(1_000);
    const [a, b, c] = [breaker.tryAcquire(), breaker.tryAcquire(), breaker.tryAcquire()].map(acquired);
    a!.done(false);
    clock.advance(10);
    b!.done(true);
    expect(breaker.state).toBe('open');
    c!.done(false); // a probe of the half-open period that is over: no effect
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toEqual({ allowed: false, reason: 'open', retryAfterMs: 1_000 });
    clock.advance(1_000);
    expect(breaker.state).toBe('half-open');
    expect(changes).toEqual(['closed>open', 'open>half-open', 'half-open>open', 'open>half-open']);
  });

  it('treats a slow probe as a failed one', () => {
    const { breaker, clock, calls } = setup({ halfOpenProbes: 1, slowCallDurationMs: 200 });
    calls('FFFF');
    clock.advance(1_000);
    const p = acquired(breaker.tryAcquire());
    clock.advance(200);
    p.done(false);
    expect(breaker.state).toBe('open');
  });

  it('gives a probe slot back when the call is cancelled', () => {
    const { breaker, clock, calls } = setup({ halfOpenProbes: 1 });
    calls('FFFF');
    clock.advance(1_000);
    acquired(breaker.tryAcquire()).cancel();
    const p = acquired(breaker.tryAcquire());
    expect(breaker.tryAcquire()).toMatchObject({ allowed: false, reason: 'half-open-full' });
    p.done(false);
    expect(breaker.state).toBe('closed');
  });

  it('ignores calls admitted while closed that finish after it opened', () => {
    const { breaker, clock, calls } = setup({ halfOpenProbes: 1 });
    const inFlight = acquired(breaker.tryAcquire());
    calls('FFFF');
    expect(breaker.state).toBe('open');
    clock.advance(1_000);
    expect(breaker.state).toBe('half-open');
    inFlight.done(false); // would close a half-open breaker with one probe, were it counted
    expect(breaker.state).toBe('half-open');
    // and a permit reports once
    const p = acquired(breaker.tryAcquire());
    p.done(true);
    p.done(false);
    expect(breaker.state).toBe('open');
  });
});

describe('CircuitBreaker: modes', () => {
  it('force-open rejects everything and never goes half-open', () => {
    const { breaker, clock, call, changes } = setup({ mode: 'force-open' });
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toEqual({ allowed: false, reason: 'forced-open', retryAfterMs: undefined });
    clock.advance(3_600_000);
    expect(breaker.state).toBe('open');
    expect(call(false)).toBe(false);
    expect(changes).toEqual(['closed>open']);
  });

  it('force-closed never opens, and going back to auto decides on what it counted', () => {
    const { breaker, calls, spec } = setup({ mode: 'force-closed' });
    expect(calls('FFFFFFFF').every(Boolean)).toBe(true);
    expect(breaker.state).toBe('closed');
    breaker.update({ ...spec, mode: 'auto' });
    expect(breaker.state).toBe('closed');
    calls('F'); // the window is 4 failures of 4 already
    expect(breaker.state).toBe('open');
  });

  it('when disabled lets every call through and changes no state', () => {
    const { breaker, calls, changes } = setup({ enabled: false, mode: 'force-open' });
    expect(breaker.active).toBe(false);
    expect(calls('FFFFFFFFFF').every(Boolean)).toBe(true);
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual([]);
  });
});

describe('CircuitBreaker: update (a new policy revision, no restart)', () => {
  it('keeps an open breaker open when only thresholds change, with the new openDurationMs from when it opened', () => {
    const { breaker, clock, calls, spec, changes } = setup();
    calls('FFFF');
    clock.advance(500);
    breaker.update({ ...spec, failureRateThreshold: 0.9, openDurationMs: 2_000 });
    expect(breaker.tryAcquire()).toEqual({ allowed: false, reason: 'open', retryAfterMs: 1_500 });
    clock.advance(1_500);
    expect(breaker.state).toBe('half-open');
    expect(changes).toEqual(['closed>open', 'open>half-open']);
  });

  it('keeps the counts when thresholds change, so a lower threshold trips on the next call', () => {
    const { breaker, calls, spec } = setup({ failureRateThreshold: 0.75 });
    calls('SSF');
    breaker.update({ ...spec, failureRateThreshold: 0.5 });
    calls('F'); // 2/4 = 0.5
    expect(breaker.state).toBe('open');
  });

  it('starts an empty window when its shape changes, keeping the state', () => {
    const { breaker, calls, spec } = setup({ minimumCalls: 4 });
    calls('SFF');
    breaker.update({ ...spec, slidingWindow: { kind: 'count', size: 5 } });
    calls('F'); // 1 call in the new window
    expect(breaker.state).toBe('closed');
    calls('FFF');
    expect(breaker.state).toBe('open');
  });

  it('moves to the mode’s state: force-open → open, back to auto → closed and empty', () => {
    const { breaker, calls, spec, changes } = setup();
    calls('SFF');
    breaker.update({ ...spec, mode: 'force-open' });
    expect(breaker.tryAcquire()).toMatchObject({ allowed: false, reason: 'forced-open' });
    breaker.update({ ...spec, mode: 'auto' });
    expect(breaker.state).toBe('closed');
    calls('F'); // the earlier S F F are forgotten: 1 call
    expect(breaker.state).toBe('closed');
    breaker.update({ ...spec, mode: 'force-closed' });
    calls('FFFF');
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['closed>open', 'open>closed']);
  });

  it('closes and forgets everything when disabled; enabling starts closed', () => {
    const { breaker, calls, spec, changes } = setup();
    calls('FFFF');
    breaker.update({ ...spec, enabled: false });
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire().allowed).toBe(true);
    breaker.update(spec);
    calls('FFF');
    expect(breaker.state).toBe('closed');
    expect(changes).toEqual(['closed>open', 'open>closed']);
  });
});
