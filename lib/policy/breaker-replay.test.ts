import { describe, expect, it } from 'vitest';
import { CircuitBreakerSpec } from '../schemas/policy';
import { replayBreaker, type ReplayStep } from './breaker-replay';

const spec = (o: Partial<CircuitBreakerSpec>) => CircuitBreakerSpec.parse(o);
const constant = (n: number, rate: number | null, errorRatio: number | null): ReplayStep[] => Array.from({ length: n }, () => ({ rate, errorRatio }));

describe('replayBreaker', () => {
  // 3 calls/s, 1/6 failing, Δt = 15 s: a step brings 45 calls (≥ 20) with a failure ratio 1/6 ≥ 0.1.
  const base = { failureRateThreshold: 0.1, minimumCalls: 20, slidingWindow: { kind: 'count' as const, size: 100 }, openDurationMs: 30_000 };

  it('opens at the end of the first step, stays open 30 s (two steps), closes on a good probe, and so on', () => {
    // One probe succeeds with probability 5/6 ≥ ½: closes, with an empty window, at 45 s; the step
    // 45–60 s refills it and it opens again at 60 s. A cycle of 3 steps: closed, open, open.
    const r = replayBreaker(constant(7, 3, 1 / 6), 15, spec({ ...base, halfOpenProbes: 1 }));
    expect(r.openFraction).toEqual([0, 1, 1, 0, 1, 1, 0]);
    expect(r.openings).toBe(3); // at 15 s, 60 s, 105 s
  });

  it('re-opens from half-open when a failed probe is more likely than not', () => {
    // 5 probes all succeed with probability (5/6)^5 ≈ 0.40 < ½: re-opens at 45 s and 75 s.
    const r = replayBreaker(constant(6, 3, 1 / 6), 15, spec({ ...base, halfOpenProbes: 5 }));
    expect(r.openFraction).toEqual([0, 1, 1, 1, 1, 1]);
    expect(r.openings).toBe(3); // 15 s, 45 s, 75 s (the next is at 105 s, after the 6 steps)
  });

  it('needs minimumCalls in the window before deciding, and counts a partly open step in part', () => {
    // 1 call/s all failing, Δt 10 s, time window 30 s: 10 calls after the first step (< 20), 20 after
    // the second → opens at 20 s for 5 s; half-open at 25 s, the probe fails for sure → re-opens until 30 s.
    const r = replayBreaker(constant(3, 1, 1), 10, spec({ failureRateThreshold: 0.5, minimumCalls: 20, slidingWindow: { kind: 'time', seconds: 30 }, openDurationMs: 5_000 }));
    expect(r.openFraction).toEqual([0, 0, 1]);
    expect(r.openings).toBe(2);
  });

  it('judges by the window: a time window forgets the old step, a count window keeps its newest calls', () => {
    // 2 calls/s, Δt 10 s: step 0 has 20 calls, 4 failed (0.2); step 1 has 20, 12 failed (0.6).
    const steps: ReplayStep[] = [
      { rate: 2, errorRatio: 0.2 },
      { rate: 2, errorRatio: 0.6 },
    ];
    const opened = (slidingWindow: CircuitBreakerSpec['slidingWindow']) => replayBreaker(steps, 10, spec({ failureRateThreshold: 0.5, minimumCalls: 5, slidingWindow })).openings;
    expect(opened({ kind: 'time', seconds: 10 })).toBe(1); // 12/20 = 0.6
    expect(opened({ kind: 'count', size: 100 })).toBe(0); // 16/40 = 0.4
    expect(opened({ kind: 'count', size: 20 })).toBe(1); // the newest 20: 12/20
    expect(opened({ kind: 'count', size: 30 })).toBe(0); // 20 newest + half of step 0: (12 + 2)/30 ≈ 0.47
  });

  it('waits half-open while there is no traffic, then decides on the first calls', () => {
    // Opens at 15 s until 25 s: step 1 (15–30 s) is open 10 s of 15; no traffic in steps 1–2 means no
    // probes; at 45 s the probe passes (5/6 ≥ ½), the window restarts, and it opens again at 60 s.
    const steps: ReplayStep[] = [{ rate: 3, errorRatio: 1 / 6 }, { rate: null, errorRatio: null }, { rate: 0, errorRatio: null }, { rate: 3, errorRatio: 1 / 6 }];
    const r = replayBreaker(steps, 15, spec({ ...base, openDurationMs: 10_000, halfOpenProbes: 1 }));
    expect(r.openFraction).toEqual([0, 10 / 15, 0, 0]);
    expect(r.openings).toBe(2);
  });

  it('never opens below the threshold, and follows the manual modes', () => {
    expect(replayBreaker(constant(5, 3, 1 / 6), 15, spec({ ...base, failureRateThreshold: 0.5 }))).toEqual({ openFraction: [0, 0, 0, 0, 0], openings: 0 });
    expect(replayBreaker(constant(3, 3, 1), 15, spec({ ...base, mode: 'force-closed' }))).toEqual({ openFraction: [0, 0, 0], openings: 0 });
    expect(replayBreaker(constant(3, 3, 1), 15, spec({ ...base, enabled: false }))).toEqual({ openFraction: [0, 0, 0], openings: 0 });
    expect(replayBreaker(constant(3, 0, null), 15, spec({ ...base, mode: 'force-open' }))).toEqual({ openFraction: [1, 1, 1], openings: 1 });
  });
});
