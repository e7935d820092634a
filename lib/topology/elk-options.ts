/**
 * elkjs option sets for the topology map, chosen from the measurements in
 * ../shared/reference/layout-calibration.md (2-core machine, elkjs 0.12.1).
 */

/**
 * Inside one group: the calibration's set B5, the fastest layered set that keeps layers
 * (99.8 % of edges point right). Thoroughness 1 halves the time of the default for the same quality;
 * POLYLINE routing because the map draws straight centre-to-centre lines and ignores ELK's routes
 * (orthogonal routing was the largest single phase). INTERACTIVE crossing minimisation and
 * LONGEST_PATH layering were slower and worse, stress/force/mrtree/radial unfit.
 */
export const GROUP_LAYOUT_OPTIONS: Readonly<Record<string, string>> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.thoroughness': '1',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.layering.strategy': 'NETWORK_SIMPLEX',
  'elk.edgeRouting': 'POLYLINE',
  // Greedy switch (on below 40 nodes by default) cost 17 % of the warm time for 0.5 % fewer crossings.
  'elk.layered.crossingMinimization.greedySwitch.type': 'OFF',
  // Room for the group's title above its members; the UI draws it inside the box.
  'elk.padding': '[top=36,left=16,bottom=16,right=16]',
};

/**
 * Extra options per stability strategy, merged over GROUP_LAYOUT_OPTIONS when a group whose shape
 * changed is laid out again with its previous positions as seeds (x, y and `elk.position`).
 * bench/topology.ts measures all of them ("stability"); on the 1,000-service fleet, adding one service
 * to a group moved the group's other members by a mean of 370 px fresh, 340 with model order, 130
 * keeping the order, 83 keeping order and y, 32 keeping layers, order and y: that one is the default
 * (layout.ts), at about the same cost (~20–25 ms per re-laid group).
 */
export const STABILITY_OPTIONS = {
  /** Fresh layout, nothing seeded. */
  none: {},
  /** Members fed in their previous reading order; ELK prefers that order. */
  'model-order': { 'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES' },
  /** Keeps the previous order inside each layer, read from the seeds. */
  order: { 'elk.layered.crossingMinimization.semiInteractive': 'true' },
  /** Keeps the order and the previous y (interactive node placement only resolves overlaps). */
  'order+y': {
    'elk.layered.crossingMinimization.semiInteractive': 'true',
    'elk.layered.nodePlacement.strategy': 'INTERACTIVE',
  },
  /** Keeps layers (from the seeds' x), order and y; new members go where their seed puts them. */
  'layers+order+y': {
    'elk.layered.layering.strategy': 'INTERACTIVE',
    'elk.layered.crossingMinimization.semiInteractive': 'true',
    'elk.layered.nodePlacement.strategy': 'INTERACTIVE',
  },
  /** ELK's fully interactive layering and crossing minimisation (order from the seeds, no sweep). */
  interactive: {
    'elk.layered.layering.strategy': 'INTERACTIVE',
    'elk.layered.crossingMinimization.strategy': 'INTERACTIVE',
  },
} as const satisfies Record<string, Record<string, string>>;

export type StabilityStrategy = keyof typeof STABILITY_OPTIONS;
