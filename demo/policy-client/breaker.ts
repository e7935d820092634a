import type { BreakerState, CircuitBreakerSpec } from '../../lib/schemas/policy';
import type { Clock } from './clock';
import { createWindow, sameWindow, type OutcomeWindow } from './outcome-window';

/**
 * A circuit breaker per CircuitBreakerSpec, resilience4j's state machine with gobreaker's half-open
 * rule:
 *   closed     counts outcomes in the sliding window; with at least minimumCalls in it (capped at the
 *              window size for a count window, else it could never trip), a failure ratio
 *              ≥ failureRateThreshold or a slow ratio ≥ slowCallRateThreshold opens it.
 *   open       rejects every call for openDurationMs, then (on the next look, no timer) half-open.
 *   half-open  lets halfOpenProbes calls through and rejects the rest; all of them succeeding closes
 *              it, the first failure re-opens it. A slow probe counts as a failed one: a breaker
 *              opened for slowness must not close on calls that are just as slow.
 * mode force-open rejects everything, force-closed never opens (outcomes are still counted, so going
 * back to auto decides on real numbers), enabled=false lets everything through and counts nothing.
 *
 * Entering closed always starts from an empty window. Outcomes of calls admitted before the last state
 * change are ignored: a call that was already in flight when the breaker opened says nothing about
 * the probes.
 */

export type Rejection = 'open' | 'forced-open' | 'half-open-full';

export type Permit =
  | {
      allowed: true;
      /** The call finished; `failed` as the caller judges it. Its duration is measured on the breaker's clock. */
      done(failed: boolean): void;
      /** The call was not made after all (another guard rejected it): gives a half-open probe slot back. */
      cancel(): void;
    }
  | { allowed: false; reason: Rejection; /** When a retry may pass, if known. */ retryAfterMs: number | undefined };

export type StateListener = (from: BreakerState, to: BreakerState) => void;

/** How long a caller should wait when half-open has no free probe slot: the probes usually settle by then. */
const HALF_OPEN_RETRY_MS = 1_000;

export class CircuitBreaker {
  private spec: CircuitBreakerSpec;
  private window: OutcomeWindow;
  private current: BreakerState = 'closed';
  private generation = 0;
  private openedAt = 0;
  private probesAdmitted = 0;
  private probesSucceeded = 0;

  constructor(
    spec: CircuitBreakerSpec,
    private readonly clock: Clock,
    private readonly onStateChange: StateListener = () => undefined,
  ) {
    this.spec = spec;
    this.window = createWindow(spec.slidingWindow);
    if (spec.enabled && spec.mode === 'force-open') this.transition('open');
  }

  /** False when the spec disables the breaker: it lets everything through and has no state to report. */
  get active(): boolean {
    return this.spec.enabled;
  }

  /** The state now (an open breaker whose openDurationMs has passed reads half-open). */
  get state(): BreakerState {
    this.tick();
    return this.current;
  }

  tryAcquire(): Permit {
    if (!this.spec.enabled) return { allowed: true, done: () => undefined, cancel: () => undefined };
    if (this.spec.mode === 'force-open') return { allowed: false, reason: 'forced-open', retryAfterMs: undefined };
    this.tick();
    if (this.current === 'open') return { allowed: false, reason: 'open', retryAfterMs: Math.max(0, this.openedAt + this.spec.openDurationMs - this.clock.now()) };
    if (this.current === 'half-open') {
      if (this.probesAdmitted >= this.spec.halfOpenProbes) return { allowed: false, reason: 'half-open-full', retryAfterMs: HALF_OPEN_RETRY_MS };
      this.probesAdmitted++;
    }
    const generation = this.generation;
    const started = this.clock.now();
    let settled = false;
    return {
      allowed: true,
      done: (failed) => {
        if (settled) return;
        settled = true;
        if (generation === this.generation) this.record(failed, this.clock.now() - started >= this.spec.slowCallDurationMs);
      },
      cancel: () => {
        if (settled) return;
        settled = true;
        if (generation === this.generation && this.current === 'half-open') this.probesAdmitted--;
      },
    };
  }

  /**
   * Takes a new spec without losing what the breaker knows: thresholds, minimumCalls, openDurationMs
   * (counted from when it opened) and halfOpenProbes change in place, state and window kept. A new
   * window shape starts an empty window (outcomes cannot be re-bucketed), state kept. A mode change
   * moves to that mode's state: force-open → open, force-closed → closed, force-open → auto → closed.
   * Disabling forgets everything; enabling again starts closed.
   */
  update(spec: CircuitBreakerSpec): void {
    const before = this.spec;
    this.spec = spec;
    if (!sameWindow(before.slidingWindow, spec.slidingWindow)) this.window = createWindow(spec.slidingWindow);
    if (!spec.enabled) {
      if (before.enabled) this.transition('closed');
      return;
    }
    if (!before.enabled) {
      if (spec.mode === 'force-open') this.transition('open');
      return;
    }
    if (spec.mode === before.mode) return;
    if (spec.mode === 'force-open') this.transition('open');
    else if (spec.mode === 'force-closed' || before.mode === 'force-open') this.transition('closed');
  }

  private tick(): void {
    if (this.current === 'open' && this.spec.mode === 'auto' && this.clock.now() - this.openedAt >= this.spec.openDurationMs) this.transition('half-open');
  }

  private record(failed: boolean, slow: boolean): void {
    if (!this.spec.enabled || this.spec.mode === 'force-open') return;
    const now = this.clock.now();
    if (this.current === 'half-open') {
      if (failed || slow) return this.transition('open');
      if (++this.probesSucceeded >= this.spec.halfOpenProbes) this.transition('closed');
      return;
    }
    if (this.current !== 'closed') return;
    this.window.record(now, failed, slow);
    if (this.spec.mode === 'force-closed') return;
    const t = this.window.totals(now);
    const minimum = this.spec.slidingWindow.kind === 'count' ? Math.min(this.spec.minimumCalls, this.spec.slidingWindow.size) : this.spec.minimumCalls;
    if (t.calls < minimum) return;
    if (t.failures / t.calls >= this.spec.failureRateThreshold || t.slow / t.calls >= this.spec.slowCallRateThreshold) this.transition('open');
  }

  private transition(to: BreakerState): void {
    const from = this.current;
    if (from === to) return;
    this.current = to;
    this.generation++;
    if (to === 'open') this.openedAt = this.clock.now();
    if (to === 'half-open') {
      this.probesAdmitted = 0;
      this.probesSucceeded = 0;
    }
    if (to === 'closed') this.window = createWindow(this.spec.slidingWindow);
    this.onStateChange(from, to);
  }
}
