import { z } from 'zod';
import { SourceError } from './errors';
import { Health, RedStats, StatsWindow } from './services';
import { TimeRangeParams } from './time';
import { BreakerMode, BreakerState, RateLimitScope } from './policy';

/**
 * Badges from the BFF's enrichment steps (server/topology/enrich/): absent or null = nothing to show
 * (no SLO on the service, no policy, or the source is not configured). A failed step adds one
 * SourceError and leaves its badges out; it never fails the map.
 */
export const NodeSloBadge = z.object({
  /** The worst alert state across the service's SLOs (page > ticket > ok > no-data). */
  state: z.enum(['page', 'ticket', 'ok', 'no-data']),
  /** SLOs on this service. */
  count: z.number().int().positive(),
  /** The lowest error budget remaining among them (null: none has data). */
  budgetRemaining: z.number().nullable(),
  /** The SLO with the lowest budget remaining (or the first): what the badge links to. */
  worstId: z.string(),
});
export type NodeSloBadge = z.infer<typeof NodeSloBadge>;

/** An enabled rate limit on the service (inbound) or the call (outbound, applied by the caller). */
export const RateLimitBadge = z.object({
  ratePerSecond: z.number(),
  scope: RateLimitScope,
  /** Calls the limiter rejected per second over the window (null: no metric). */
  rejectedRps: z.number().nullable(),
});
export type RateLimitBadge = z.infer<typeof RateLimitBadge>;

/** A call's circuit breaker: its live state from the callers' metrics, its mode from the policy. */
export const BreakerBadge = z.object({
  /** The worst state any caller instance reports now (open > half-open > closed); null: none reports it yet. */
  state: BreakerState.nullable(),
  /** From the policy (null: a breaker reports state but no policy names it). */
  mode: BreakerMode.nullable(),
  /** Calls short-circuited per second over the window (null: no metric). */
  rejectedRps: z.number().nullable(),
});
export type BreakerBadge = z.infer<typeof BreakerBadge>;

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
  slo: NodeSloBadge.nullish(),
  rateLimit: RateLimitBadge.nullish(),
  /** An inbound breaker: the service sheds what it receives. */
  breaker: BreakerBadge.nullish(),
});
export type TopologyNode = z.infer<typeof TopologyNode>;

export const TopologyEdge = RedStats.extend({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  health: Health,
  /** false: the link is known (registry, traces) but carried no traffic in the window: drawn dashed. */
  traffic: z.boolean(),
  breaker: BreakerBadge.nullish(),
  rateLimit: RateLimitBadge.nullish(),
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
