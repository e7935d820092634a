import 'server-only';
import { sourceTimeout, sourceUnavailable, SourceFailure } from './errors';

/**
 * Runs an upstream call with a deadline: the callee gets a signal that aborts when the caller's signal
 * aborts or when `timeoutMs` passes, and a deadline expiry surfaces as a SourceFailure('timeout').
 */
export async function withDeadline<T>(
  source: string,
  timeoutMs: number,
  parent: AbortSignal | undefined,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = parent ? AbortSignal.any([parent, timeout]) : timeout;
  try {
    return await call(signal);
  } catch (err) {
    if (err instanceof SourceFailure) throw err;
    if (timeout.aborted) throw sourceTimeout(source, `no answer within ${timeoutMs} ms`, err);
    if (parent?.aborted) throw err; // the caller went away; nobody reads this
    throw sourceUnavailable(source, describeNetworkError(err), err);
  }
}

/** fetch() hides the useful part (ECONNREFUSED, ENOTFOUND) in err.cause. */
export function describeNetworkError(err: unknown): string {
  type Cause = { code?: string; message?: string; errors?: Cause[] };
  let cause = (err as { cause?: Cause })?.cause;
  // Node reports a refused dual-stack connect as an AggregateError with the real errors inside.
  if (cause && !cause.code && cause.errors?.length) cause = cause.errors[0];
  if (cause?.code) return `${cause.code}${cause.message ? ` (${cause.message})` : ''}`;
  if (cause?.message) return `${(err as Error).message}: ${cause.message}`;
  return err instanceof Error ? err.message : String(err);
}
