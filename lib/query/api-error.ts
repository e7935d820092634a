import { ApiErrorBody } from '../schemas/errors';

/**
 * The one error type the UI sees from the BFF. Panels branch on `code` ("not_found", "bad_request",
 * "upstream_timeout", ...) and show `message`, which the server words to name the field or backend at
 * fault. `status` 0 means the request never got an HTTP answer.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly source?: string;

  constructor(init: { status: number; code: string; message: string; field?: string; source?: string }, options?: { cause?: unknown }) {
    super(init.message, options);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    if (init.field !== undefined) this.field = init.field;
    if (init.source !== undefined) this.source = init.source;
  }

  /** 4xx answers won't change by asking again; network failures and 5xx might. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500;
  }
}

/** An error body from a non-2xx response; a forgiving read, since proxies answer HTML too. */
export function apiErrorFromBody(status: number, body: unknown, statusText = ''): ApiError {
  const parsed = ApiErrorBody.safeParse(body);
  if (parsed.success) return new ApiError({ status, ...parsed.data.error });
  return new ApiError({ status, code: `http_${status}`, message: `HTTP ${status}${statusText ? ` ${statusText}` : ''} from the Switchyard API` });
}

/** Anything caught → ApiError, so components handle one shape. */
export function toApiError(caught: unknown): ApiError {
  if (caught instanceof ApiError) return caught;
  const message = caught instanceof Error ? caught.message : String(caught);
  return new ApiError({ status: 0, code: 'network', message: `could not reach the Switchyard API: ${message}` }, { cause: caught });
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
