import { z } from 'zod';
import { TimeRangeParams } from './time';

/** Query parameters of GET /api/v1/services and /api/v1/services/{name}. */
export const StatsParams = TimeRangeParams;

/** Query parameters of GET /api/v1/services/{name}/red: the panel width picks the step. */
export const RedParams = TimeRangeParams.extend({
  width: z.coerce.number().int().min(50).max(10_000).default(800),
});

/** A service name in a query parameter, bounded like the {name} path segment: a hostile URL can't balloon queries. */
const ServiceNameParam = z
  .string({ error: 'is required' })
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .refine((v) => ![...v].some((ch) => ch.charCodeAt(0) < 0x20), 'must not contain control characters');

/** Query parameters of GET /api/v1/edges/red: the calls from `source` to `target`. */
export const EdgeRedParams = RedParams.extend({
  /** The caller; absent: every caller of `target` together (what `target` served, as its callers saw it). */
  source: ServiceNameParam.optional(),
  target: ServiceNameParam,
});
export type EdgeRedParams = z.infer<typeof EdgeRedParams>;
