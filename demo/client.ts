import type { Metrics } from './metrics';
import { ADMIT_ALL, type Admission } from './policy-client/guard';
import type { Call } from './topology';

/**
 * One instrumented call to a peer service. The outcome is what the caller saw, in the terms OTel's
 * `error.type` uses: the status code for a 5xx (or a 429: the callee's rate limit refused the call),
 * the failure for a call that got no answer. A call the caller's own policy stops is recorded like a
 * call with no endpoint: never sent, error_type `circuit_open` (breaker) or `rate_limited` (limit),
 * no status code, so the client histogram keeps counting every call the caller tried.
 */
export type CallOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | undefined; errorType: string };

export interface PeerClient {
  metrics: Metrics;
  /** The address (host:port) of an instance of `service`, or undefined when none is registered. */
  resolve(service: string): string | undefined;
  timeoutMs: number;
  /** The outbound policy's verdict on a call to `service` (circuit breaker, rate limit); absent: none. */
  admit?(service: string): Admission;
}

function networkErrorType(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timeout';
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : '_OTHER';
}

export async function callPeer(peer: PeerClient, call: Call, path: string): Promise<CallOutcome> {
  const started = performance.now();
  const admission = peer.admit?.(call.service) ?? ADMIT_ALL;
  const done = (status: number | undefined, errorType: string): CallOutcome => {
    peer.metrics.client.observe(
      { peer_service: call.service, http_request_method: call.method, http_response_status_code: status === undefined ? '' : String(status), error_type: errorType },
      (performance.now() - started) / 1000,
    );
    // Every failure the caller sees counts against the callee's breaker, unreachable included.
    if (admission.allowed) admission.done(errorType !== '');
    return errorType ? { ok: false, status, errorType } : { ok: true, status: status ?? 0 };
  };
  // Shed by our own policy: fail fast, the peer never sees the call.
  if (!admission.allowed) return done(undefined, admission.by === 'breaker' ? 'circuit_open' : 'rate_limited');
  const address = peer.resolve(call.service);
  // No instance registered: the call fails before it is sent, as a real client's resolver would.
  if (!address) return done(undefined, 'no_endpoint');
  try {
    const res = await fetch(`http://${address}${path}`, {
      method: call.method,
      headers: call.method === 'POST' ? { 'content-type': 'application/json' } : undefined,
      body: call.method === 'POST' ? '{}' : undefined,
      signal: AbortSignal.timeout(peer.timeoutMs),
    });
    await res.arrayBuffer();
    return done(res.status, res.status >= 500 || res.status === 429 ? String(res.status) : '');
  } catch (err) {
    return done(undefined, networkErrorType(err));
  }
}
