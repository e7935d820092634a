import 'server-only';
import type { TopologyEdge, TopologyNode } from '@/lib/schemas/topology';
import type { Container } from '@/server/container';
import type { ErrorList } from '@/server/services/source-errors';
import type { StatsWindow } from '@/server/services/window';

/**
 * A server-side enrichment step of the topology (health is computed while building; these add SLO
 * and policy badges). Steps fetch in parallel with the graph (a fixed number of backend calls each,
 * whatever the fleet size), then apply to the built graph. A failing step adds its SourceError to
 * `errors` and returns null: the map shows without its badges.
 */
export interface EnrichContext {
  c: Container;
  w: StatsWindow;
  nowMs: number;
  errors: ErrorList;
  signal?: AbortSignal;
}

export type ApplyEnrichment = (nodes: ReadonlyMap<string, TopologyNode>, edges: readonly TopologyEdge[]) => void;

export type Enricher = (ctx: EnrichContext) => Promise<ApplyEnrichment | null>;
