import { z } from 'zod';
import { TimeRangeParams } from './time';

/** Query parameters of GET /api/v1/services and /api/v1/services/{name}. */
export const StatsParams = TimeRangeParams;

/** Query parameters of GET /api/v1/services/{name}/red: the panel width picks the step. */
export const RedParams = TimeRangeParams.extend({
  width: z.coerce.number().int().min(50).max(10_000).default(800),
});
