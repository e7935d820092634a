import 'server-only';
import type { z } from 'zod';
import type { ApiErrorBody } from '@/lib/schemas/errors';
import { ConfigError, InputError, NotFoundError, SourceFailure } from './errors';
import { bffMetrics } from './metrics';

/**
 * The one place errors become HTTP. Route handlers stay thin: parse input, call a service, return data;
 * whatever they throw comes through here. Clients see a message naming the field or backend at fault,
 * never a stack trace.
 */
export function errorResponse(err: unknown): Response {
  if (err instanceof InputError) return json(400, { error: { code: 'bad_request', message: err.message, field: err.field } });
  if (err instanceof NotFoundError) return json(404, { error: { code: 'not_found', message: err.message } });
  if (err instanceof SourceFailure) {
    const status = err.kind === 'timeout' ? 504 : 502;
    return json(status, { error: { code: `upstream_${err.kind}`, message: err.message, source: err.source } });
  }
  if (err instanceof ConfigError) return json(500, { error: { code: 'misconfigured', message: err.message } });
  console.error('[switchyard] unhandled error', err);
  return json(500, { error: { code: 'internal', message: 'internal error; see the server log' } });
}

function json(status: number, body: ApiErrorBody): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** Wraps a route handler: maps errors, counts requests per route and status. */
export async function handle(route: string, fn: () => Promise<unknown>): Promise<Response> {
  let res: Response;
  try {
    const data = await fn();
    res = data instanceof Response ? data : Response.json(data, { headers: { 'Cache-Control': 'no-store' } });
  } catch (err) {
    res = errorResponse(err);
  }
  bffMetrics().httpRequests.inc({ route, status: String(res.status) });
  return res;
}

/** Parses URL search params with a schema; the first problem becomes a 400 naming the parameter. */
export function parseParams<S extends z.ZodType>(schema: S, params: URLSearchParams): z.infer<S> {
  const obj: Record<string, string> = {};
  for (const [k, v] of params) obj[k] = v;
  const parsed = schema.safeParse(obj);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new InputError(`${field || 'query'}: ${issue.message}`, field || undefined);
  }
  return parsed.data;
}

/** A path segment naming a service: decoded by Next already; bounded so a hostile URL can't balloon queries. */
export function serviceName(raw: string): string {
  if (raw.length === 0 || raw.length > 253) throw new InputError('service name must be 1 to 253 characters', 'name');
  if ([...raw].some((ch) => ch.charCodeAt(0) < 0x20)) throw new InputError('service name contains control characters', 'name');
  return raw;
}
