import type { CircuitBreakerSpec } from '../schemas/policy';

/**
 * A circuit breaker replayed over per-step request rates and error ratios (the impact preview). The
 * metrics hold averages, not calls, so this is the breaker of demo/policy-client/breaker.ts run on a
 * fluid of calls:
 *  - closed: each step adds rate·Δt calls, of which errorRatio are failures, spread evenly over the
 *    step, to the sliding window (count: the latest `size` calls; time: those of the last `seconds`).
 *    At the end of each step, with at least minimumCalls in the window (capped at the size of a count
 *    window), a failure ratio ≥ failureRateThreshold opens it. So an opening is seen up to a step late.
 *  - open: for openDurationMs, then half-open.
 *  - half-open: the probes go out at once with the next traffic. The real breaker re-opens on the first
 *    failed probe; here it re-opens when that is more likely than not, (1 − errorRatio)^probes < ½,
 *    and closes otherwise, with an empty window. No traffic: it waits, half-open.
 * Slow calls are not replayed: the metrics have latency percentiles, not the duration of each call.
 */

export interface ReplayStep {
  /** Calls per second over the step (null: no data, read as no traffic). */
  rate: number | null;
  /** Failed share of those calls (null: none failed, or no data). */
  errorRatio: number | null;
}

export interface BreakerReplay {
  /** Per step, the share of the step (0–1) the breaker spent open. */
  openFraction: number[];
  /** Transitions to open, re-openings from half-open included. */
  openings: number;
}

interface Chunk {
  start: number;
  end: number;
  calls: number;
  failures: number;
}

type Phase = { kind: 'closed' } | { kind: 'open'; until: number } | { kind: 'half-open' };

export function replayBreaker(steps: readonly ReplayStep[], stepS: number, spec: CircuitBreakerSpec): BreakerReplay {
  if (!spec.enabled || spec.mode === 'force-closed') return { openFraction: steps.map(() => 0), openings: 0 };
  if (spec.mode === 'force-open') return { openFraction: steps.map(() => 1), openings: steps.length > 0 ? 1 : 0 };

  const openS = spec.openDurationMs / 1000;
  const w = spec.slidingWindow;
  const minCalls = w.kind === 'count' ? Math.min(spec.minimumCalls, w.size) : spec.minimumCalls;
  let window: Chunk[] = [];
  let phase: Phase = { kind: 'closed' };
  let openings = 0;
  const open = (at: number) => {
    openings++;
    phase = { kind: 'open', until: at + openS };
  };

  /** Calls and failures in the window as it stands at time `at` (dropping what fell out). */
  const tally = (at: number): { calls: number; failures: number } => {
    if (w.kind === 'time') {
      const from = at - w.seconds;
      window = window.filter((c) => c.end > from);
      let calls = 0;
      let failures = 0;
      for (const c of window) {
        const share = c.end > c.start ? (c.end - Math.max(c.start, from)) / (c.end - c.start) : 1;
        calls += c.calls * share;
        failures += c.failures * share;
      }
      return { calls, failures };
    }
    // Count window: the newest calls up to `size`; the oldest chunk that straddles the edge counts in part.
    let calls = 0;
    let failures = 0;
    const kept: Chunk[] = [];
    for (let i = window.length - 1; i >= 0 && calls < w.size; i--) {
      const c = window[i]!;
      const share = Math.min(1, (w.size - calls) / c.calls);
      calls += c.calls * share;
      failures += c.failures * share;
      kept.unshift(c);
    }
    window = kept;
    return { calls, failures };
  };

  const openFraction = steps.map((step, i) => {
    const a = i * stepS;
    const b = a + stepS;
    const rate = step.rate ?? 0;
    const err = step.errorRatio ?? 0;
    let t = a;
    let openTime = 0;
    while (t < b) {
      if (phase.kind === 'open') {
        if (phase.until >= b) {
          openTime += b - t;
          t = b;
          break;
        }
        openTime += Math.max(0, phase.until - t);
        t = Math.max(t, phase.until);
        phase = { kind: 'half-open' };
      }
      if (phase.kind === 'half-open') {
        if (rate <= 0) break; // no calls, no probes
        if ((1 - err) ** spec.halfOpenProbes < 0.5) open(t);
        else {
          phase = { kind: 'closed' };
          window = [];
        }
        continue;
      }
      if (rate > 0) window.push({ start: t, end: b, calls: rate * (b - t), failures: rate * err * (b - t) });
      t = b;
      const { calls, failures } = tally(b);
      if (calls > 0 && calls >= minCalls - 1e-9 && failures / calls >= spec.failureRateThreshold - 1e-12) open(b);
    }
    return Math.min(1, openTime / stepS);
  });
  return { openFraction, openings };
}
