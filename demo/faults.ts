/**
 * Injected faults. The same validation runs in the launcher's control API and in each service's own
 * `/control/faults`, so a bad value gets the same 400 whichever one a demo talks to.
 */

export interface Fault {
  /** Share of incoming requests answered with a 500, 0..1. */
  errorRate: number;
  /** Added to every incoming request before it is handled, in ms. */
  latencyMs: number;
}

export const NO_FAULT: Fault = { errorRate: 0, latencyMs: 0 };
const MAX_LATENCY_MS = 60_000;

export type Parsed<T> = { ok: true; value: T } | { ok: false; field: string; message: string };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Missing fields default to "no fault" so `{"latencyMs":300}` alone is a valid injection. */
export function parseFault(body: unknown): Parsed<Fault> {
  if (!isObject(body)) return { ok: false, field: 'body', message: 'body: expected a JSON object' };
  const { errorRate = 0, latencyMs = 0 } = body;
  if (typeof errorRate !== 'number' || !Number.isFinite(errorRate) || errorRate < 0 || errorRate > 1) {
    return { ok: false, field: 'errorRate', message: 'errorRate: expected a number from 0 to 1' };
  }
  if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0 || latencyMs > MAX_LATENCY_MS) {
    return { ok: false, field: 'latencyMs', message: `latencyMs: expected a number from 0 to ${MAX_LATENCY_MS}` };
  }
  return { ok: true, value: { errorRate, latencyMs } };
}

export function isNoFault(f: Fault): boolean {
  return f.errorRate === 0 && f.latencyMs === 0;
}
