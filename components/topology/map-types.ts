import type { Health } from '@/lib/schemas/services';
import type { BreakerBadge, NodeSloBadge, RateLimitBadge } from '@/lib/schemas/topology';

/** What the topology map draws: services, externals and collapsed groups, the calls between them, and the ids of its helpers. */

/** A node on the map: a service, an external caller/callee, or a collapsed group standing for its members. */
export interface MapNode {
  id: string;
  label: string;
  kind: 'service' | 'external' | 'group';
  health: Health;
  rps: number | null;
  errorRatio: number | null;
  p95: number | null;
  /** Instances known to the registry (0 for externals; a group's total). */
  instances: number;
  /** Services a collapsed group stands for (1 for a service). */
  members: number;
  /** Collapsed groups: the group's value (null = the ungrouped bucket). */
  group?: string | null;
  /** Kept by a filter only as the other end of a shown call: drawn faint. */
  context?: boolean;
  /** Badges (a group's: the worst of its members'). */
  slo?: NodeSloBadge | null;
  rateLimit?: RateLimitBadge | null;
  breaker?: BreakerBadge | null;
}

export interface MapEdge {
  id: string;
  source: string;
  target: string;
  health: Health;
  traffic: boolean;
  rps: number | null;
  errorRatio: number | null;
  p95: number | null;
  /** Edges merged into this one (edges between collapsed groups); 1 for a plain call. */
  count?: number;
  breaker?: BreakerBadge | null;
  rateLimit?: RateLimitBadge | null;
}

export interface MapGraph {
  nodes: readonly MapNode[];
  edges: readonly MapEdge[];
}

/**
 * Ids of what the map draws besides services and collapsed groups (graph-ops' groupNodeId): group
 * boxes and the two anchors. Control characters keep them apart from any service name.
 */
export const GROUP_BOX_PREFIX = '\u0001box:';
export const ANCHOR_PREFIX = '\u0001anchor:';
export const isAuxiliaryId = (id: string) => id.startsWith(GROUP_BOX_PREFIX) || id.startsWith(ANCHOR_PREFIX);
