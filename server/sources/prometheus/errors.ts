import 'server-only';
import type { SourceErrorKind } from '@/lib/schemas/errors';
import { SourceFailure, statusKind } from '@/server/runtime/errors';

/**
 * Prometheus errorType → our kinds (web/api/v1/api.go): bad_data is the query's fault, execution and
 * internal are the backend failing the query, timeout/canceled are deadlines, the rest is "down".
 */
const KINDS: Record<string, SourceErrorKind> = {
  bad_data: 'bad_query',
  execution: 'execution',
  internal: 'execution',
  timeout: 'timeout',
  canceled: 'timeout',
  not_found: 'not_found',
  unavailable: 'unavailable',
};

export function apiFailure(source: string, errorType: string | undefined, error: string | undefined, httpStatus: number): SourceFailure {
  const kind = (errorType && KINDS[errorType]) || statusKind(httpStatus);
  return new SourceFailure(source, kind, `${errorType ?? `HTTP ${httpStatus}`}: ${error ?? 'no error message'}`);
}
