import 'server-only';
import type { z } from 'zod';
import type { ApiErrorBody } from '@/lib/schemas/errors';
import { ConfigError, ForbiddenError, InputError, NotFoundError, SourceFailure, TooManyRequestsError, UnauthenticatedError } from './errors';
import { bffMetrics } from './metrics';

/**
 * The one place errors become HTTP. Route handlers stay thin: parse input, call a service, return data;
 * whatever they throw comes through here. Clients see a message naming the field or backend at fault,
 * never a stack trace.
 */
export function errorResponse(err: unknown): Response {
  if (err instanceof InputError) return json(400, { error: { code: 'bad_request', message: err.message, field: err.field } });
  if (err instanceof NotFoundError) return json(404, { error: { code: 'not_found', message: err.message } });
  if (err instanceof UnauthenticatedError) return json(401, { error: { code: 'unauthenticated', message: err.message } });
  if (err instanceof ForbiddenError) return json(403, { error: { code: err.code, message: err.message } });
  if (err instanceof TooManyRequestsError) return json(429, { error: { code: 'too_many_requests', message: err.message } }, { 'Retry-After': String(err.retryAfterS) });
  if (err instanceof SourceFailure) {
    const status = err.kind === 'timeout' ? 504 : 502;
    return json(status, { error: { code: `upstream_${err.kind}`, message: err.message, source: err.source } });
  }
  if (err instanceof ConfigError) return json(500, { error: { code: 'misconfigured', message: err.message } });
  console.error('[switchyard] unhandled error', err);
  return json(500, { error: { code: 'internal', message: 'internal error; see the server log' } });
}

function json(status: number, body: ApiErrorBody, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
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

/**
 * Reads a JSON request body with a schema; too large, not JSON, or the first schema problem becomes a
 * 400 naming the field. The body is read in chunks and dropped once past maxBytes, never buffered whole.
 */
export async function parseJsonBody<S extends z.ZodType>(schema: S, req: Request, maxBytes = 64 * 1024): Promise<z.infer<S>> {
  const tooLarge = () => new InputError(`request body is larger than ${maxBytes} bytes`, 'body');
  if (Number(req.headers.get('content-length') ?? '0') > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = req.body?.getReader();
  while (reader) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = new TextDecoder().decode(Buffer.concat(chunks));
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new InputError('request body must be JSON', 'body');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new InputError(`${field || 'body'}: ${issue.message}`, field || 'body');
  }
  return parsed.data;
}

/** A path segment naming a service: decoded by Next already; bounded so a hostile URL can't balloon queries. */
export function serviceName(raw: string): string {
  if (raw.length === 0 || raw.length > 253) throw new InputError('service name must be 1 to 253 characters', 'name');
  if ([...raw].some((ch) => ch.charCodeAt(0) < 0x20)) throw new InputError('service name contains control characters', 'name');
  return raw;
}
