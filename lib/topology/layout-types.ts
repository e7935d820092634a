/**
 * The contract between the graph layout (lib/topology/layout.ts, pure, given an ELK instance) and its
 * callers: the browser's layout Web Worker and the bench in Node. Coordinates are in layout pixels,
 * node centres.
 */
export interface LayoutNodeInput {
  id: string;
  /** Group (team, namespace); null = the ungrouped bucket. Each group is laid out on its own. */
  group: string | null;
  width: number;
  height: number;
}

export interface LayoutEdgeInput {
  id: string;
  source: string;
  target: string;
}

export interface LayoutInput {
  nodes: LayoutNodeInput[];
  edges: LayoutEdgeInput[];
  /** Groups drawn as one collapsed box instead of their members. */
  collapsed?: string[];
}

export interface Point2 {
  x: number;
  y: number;
}

/** A group's box: x, y are its top-left corner (unlike positions, which are node centres). */
export interface GroupBox {
  group: string | null;
  x: number;
  y: number;
  width: number;
  height: number;
  collapsed: boolean;
  size: number;
}

export interface LayoutResult {
  /** Centre of every member node of an expanded group. */
  positions: Record<string, Point2>;
  groups: GroupBox[];
  /** Wall time spent, per phase, for the bench and the UI's progress line. */
  timings: { groupsMs: number; overviewMs: number; totalMs: number; groupsLaidOut: number; groupsFromCache: number };
}

/** The slice of elkjs's API that the layout uses, so lib/ never imports elkjs itself. */
export interface ElkLike {
  layout(graph: ElkGraph): Promise<ElkGraph>;
}

export interface ElkGraph {
  id: string;
  layoutOptions?: Record<string, string>;
  children?: ElkGraph[];
  edges?: Array<{ id: string; sources: string[]; targets: string[] }>;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}
