import type { z } from 'zod';
import { CSRF_COOKIE, CSRF_HEADER, SessionInfo } from '../schemas/auth';
import { ApiError, apiErrorFromBody, toApiError } from './api-error';

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The CSRF token the BFF left in its readable cookie, or null (first visit, or after sign-out). */
export function csrfFromCookie(cookieHeader: string): string | null {
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === CSRF_COOKIE) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim()) || null;
      } catch {
        return null;
      }
    }
  }
  return null;
}

const docCookie = () => (typeof document === 'undefined' ? '' : document.cookie);

async function freshToken(signal?: AbortSignal): Promise<string> {
  let res: Response;
  try {
    res = await fetch('/api/v1/session', { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw toApiError(err);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw apiErrorFromBody(res.status, body, res.statusText);
  return SessionInfo.parse(body).csrfToken;
}

/**
 * Every write from the UI goes through here: it sends the CSRF token (docs/auth.md) the BFF requires
 * on POST/PUT/PATCH/DELETE, fetching one first when the cookie has none, and validates the answer with
 * its schema. A token refused as stale (signed in or out in another tab) is renewed and the write sent
 * once more (a CSRF refusal happens before the write does anything, so this never writes twice); other errors become an ApiError (401 not signed in, 403 role too low, 409 conflict ...).
 */
export async function sendJson<S extends z.ZodType>(method: WriteMethod, url: string, body: unknown, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  const attempt = async (token: string) => {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        signal,
        credentials: 'same-origin',
        headers: { Accept: 'application/json', [CSRF_HEADER]: token, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      if (signal?.aborted) throw err;
      throw toApiError(err);
    }
    const payload: unknown = await res.json().catch(() => undefined);
    return { res, payload };
  };

  let token = csrfFromCookie(docCookie()) ?? (await freshToken(signal));
  let { res, payload } = await attempt(token);
  if (res.status === 403 && apiErrorFromBody(403, payload).code === 'csrf') {
    token = await freshToken(signal);
    ({ res, payload } = await attempt(token));
  }
  if (!res.ok) throw apiErrorFromBody(res.status, payload, res.statusText);
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiError({ status: res.status, code: 'bad_response', message: `unexpected response from ${new URL(url, 'http://x').pathname}: ${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}` });
  }
  return parsed.data;
}
