import { z } from 'zod';
import { SourceError } from './errors';
import { Health, RedStats, StatsWindow } from './services';
import { TimeRangeParams } from './time';

/**
 * The service graph of the fleet over a window (GET /api/v1/topology). Node ids are service names;
 * edge ids are `${source}\u2192${target}`. Built in the BFF from the metric profile's edge metrics,
 * merged with the registry (services without traffic still appear); health is computed server-side.
 */
export const TopologyNode = RedStats.extend({
  id: z.string(),
  /** "service": known to the registry or with its own server metrics; "external": seen only as a caller or callee. */
  kind: z.enum(['service', 'external']),
  /** Value of the grouping label (registry metadata such as team or namespace); null when unknown. */
  group: z.string().nullable(),
  instances: z.number().int().nonnegative(),
  inRegistry: z.boolean(),
  inMetrics: z.boolean(),
  health: Health,
});
export type TopologyNode = z.infer<typeof TopologyNode>;

export const TopologyEdge = RedStats.extend({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  health: Health,
  /** false: the link is known (registry, traces) but carried no traffic in the window: drawn dashed. */
  traffic: z.boolean(),
});
export type TopologyEdge = z.infer<typeof TopologyEdge>;

export const TopologyResponse = z.object({
  nodes: z.array(TopologyNode),
  edges: z.array(TopologyEdge),
  /** The label nodes were grouped by (null = no grouping). */
  groupBy: z.string().nullable(),
  window: StatsWindow,
  errors: z.array(SourceError),
});
export type TopologyResponse = z.infer<typeof TopologyResponse>;

/** Query parameters of GET /api/v1/topology. */
export const TopologyParams = TimeRangeParams.extend({
  /** Registry metadata key to group by, e.g. "team" or "namespace". */
  groupBy: z
    .string()
    .regex(/^[a-zA-Z_][a-zA-Z0-9_.\-/]{0,62}$/, 'must be a metadata key (letters, digits, _ . - /)')
    .optional(),
});
export type TopologyParams = z.infer<typeof TopologyParams>;

export const edgeId = (source: string, target: string) => `${source}\u2192${target}`;
