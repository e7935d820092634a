import type { z } from 'zod';
import { ApiError, apiErrorFromBody, toApiError } from './api-error';

/**
 * GET a BFF endpoint and validate the answer with its schema. The schema is the contract: a response
 * that does not match is an error here, not a crash three components later.
 */
export async function getJson<S extends z.ZodType>(url: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  } catch (err) {
    // Cancellation (a newer query superseded this one) must stay an AbortError for react-query.
    if (signal?.aborted) throw err;
    throw toApiError(err);
  }
  const body: unknown = await res.json().catch(() => undefined);
  if (!res.ok) throw apiErrorFromBody(res.status, body, res.statusText);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'body';
    throw new ApiError({ status: res.status, code: 'bad_response', message: `unexpected response from ${new URL(url, 'http://x').pathname}: ${where}: ${issue?.message ?? 'invalid'}` });
  }
  return parsed.data;
}
