import { z } from 'zod';

/** Why an upstream call failed, in the BFF's vocabulary (never the backend's wire names). */
export const SourceErrorKind = z.enum([
  'unavailable', // connection refused, 5xx, DNS: the backend is down
  'timeout', // our deadline passed, or the backend said it timed out
  'bad_query', // the backend rejected the query (PromQL/LogQL syntax, bad params)
  'execution', // the backend accepted the query but failed running it
  'bad_response', // the backend answered something that does not match its documented API
  'not_found',
]);
export type SourceErrorKind = z.infer<typeof SourceErrorKind>;

/** A per-source failure carried next to partial results, so one dead backend never blanks a page. */
export const SourceError = z.object({
  source: z.string(), // e.g. "prometheus", "registry:etcd"
  kind: SourceErrorKind,
  message: z.string(),
});
export type SourceError = z.infer<typeof SourceError>;

/** The one error body every /api route returns on a 4xx/5xx. */
export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string(), // machine-readable, e.g. "bad_request", "not_found", "upstream_timeout"
    message: z.string(), // human-readable, names the field or backend at fault
    field: z.string().optional(), // the request field at fault, for 400s
    source: z.string().optional(), // the backend at fault, for 502/504
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;
