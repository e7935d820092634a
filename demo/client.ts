import type { Metrics } from './metrics';
import type { Call } from './topology';

/**
 * One instrumented call to a peer service. The outcome is what the caller saw, in the terms OTel's
 * `error.type` uses: the status code for a 5xx, the failure for a call that got no answer.
 */
export type CallOutcome =
  | { ok: true; status: number }
  | { ok: false; status: number | undefined; errorType: string };

export interface PeerClient {
  metrics: Metrics;
  /** The address (host:port) of an instance of `service`, or undefined when none is registered. */
  resolve(service: string): string | undefined;
  timeoutMs: number;
}

function networkErrorType(err: unknown): string {
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'timeout';
  const cause = err instanceof Error ? (err.cause as { code?: unknown } | undefined) : undefined;
  return typeof cause?.code === 'string' ? cause.code : '_OTHER';
}

export async function callPeer(peer: PeerClient, call: Call, path: string): Promise<CallOutcome> {
  const started = performance.now();
  const done = (status: number | undefined, errorType: string): CallOutcome => {
    peer.metrics.client.observe(
      { peer_service: call.service, http_request_method: call.method, http_response_status_code: status === undefined ? '' : String(status), error_type: errorType },
      (performance.now() - started) / 1000,
    );
    return errorType ? { ok: false, status, errorType } : { ok: true, status: status ?? 0 };
  };
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
    return done(res.status, res.status >= 500 ? String(res.status) : '');
  } catch (err) {
    return done(undefined, networkErrorType(err));
  }
}
