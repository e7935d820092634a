import type { LayoutInput } from './layout-types';

/** Box of one service on the map; the calibration measured 160×40. */
export const NODE_BOX = { width: 160, height: 40 } as const;

/**
 * LayoutInput from any graph with grouped nodes: a TopologyResponse, or a generated fleet (whose
 * edges have no ids; they get `${source}→${target}` like the API's).
 */
export function toLayoutInput(
  graph: { nodes: ReadonlyArray<{ id: string; group: string | null }>; edges: ReadonlyArray<{ id?: string; source: string; target: string }> },
  options: { collapsed?: string[]; width?: number; height?: number } = {},
): LayoutInput {
  const width = options.width ?? NODE_BOX.width;
  const height = options.height ?? NODE_BOX.height;
  return {
    nodes: graph.nodes.map((n) => ({ id: n.id, group: n.group, width, height })),
    edges: graph.edges.map((e) => ({ id: e.id ?? `${e.source}\u2192${e.target}`, source: e.source, target: e.target })),
    ...(options.collapsed ? { collapsed: options.collapsed } : {}),
  };
}
