import type { PlacementState, Slot } from './layout-cache';

/**
 * The group-level pass, in two steps so that box sizes never cost a layout call:
 *  1. group-order.ts gives the layers (left to right) and the order inside each layer. It depends only
 *     on which groups exist and which call which, so it is cached by that shape and survives a group
 *     growing, expanding or collapsing.
 *  2. placeGroups (here): O(G) packing of the real boxes into those layers, each layer wrapped into
 *     columns so 150 groups make a roughly 16:9 map rather than the 1:4 strip a RIGHT layered pass
 *     gives at 5,000 services. Boxes keep their previous slot while they fit it, so a group that
 *     changes a little moves nothing else.
 */

/** Size of a collapsed group's box. */
export const COLLAPSED_BOX = { width: 200, height: 64 } as const;
/** Space between boxes in one column, and between columns of one layer. */
export const GROUP_GAP = 40;
/** Space between layers: cross-group edges run there. */
export const LAYER_GAP = 120;
/** Target width : height of the whole map. */
const ASPECT = 16 / 9;
/**
 * Headroom a (re)sized expanded group gets, so the next small change still fits its slot: one layer
 * of 160 px services (group-layout.ts LAYER_SPACING) in width, two rows in height. Measured on the
 * 1,000-service fleet: with it, adding a service to a group moved no other group in 28 of 28 cases
 * (with 40 × 60, one change in five moved other groups), for a map about 10 % wider.
 */
const SLACK = { width: 260, height: 120 } as const;
/** A slot shrinks only once the box is this much smaller (collapsing a group, a team split off). */
const SHRINK_TOLERANCE = { width: 2 * SLACK.width, height: 2 * SLACK.height } as const;
const QUANTUM = 20;

export interface BoxSize {
  width: number;
  height: number;
  /** Expanded boxes get headroom in their slot; collapsed ones have a fixed size. */
  expanded: boolean;
}

export interface PlacedBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

const roundUp = (v: number) => Math.ceil(v / QUANTUM) * QUANTUM;

function slotFor(size: BoxSize, previous: Slot | undefined): Slot {
  if (!size.expanded) return { width: size.width, height: size.height };
  if (
    previous &&
    size.width <= previous.width &&
    size.height <= previous.height &&
    previous.width - size.width <= SHRINK_TOLERANCE.width &&
    previous.height - size.height <= SHRINK_TOLERANCE.height
  )
    return previous;
  return { width: roundUp(size.width + SLACK.width), height: roundUp(size.height + SLACK.height) };
}

/**
 * Places every box (top-left corners) given the layer order. `previous` is the state of the last
 * placement (slots, column height), so boxes stay put between refreshes.
 */
export function placeGroups(
  layers: readonly (readonly string[])[],
  sizes: ReadonlyMap<string, BoxSize>,
  prev: PlacementState | null,
): { boxes: Map<string, PlacedBox>; state: PlacementState } {
  const slots = new Map<string, Slot>();
  const present: string[][] = [];
  for (const layer of layers) {
    const keys: string[] = [];
    for (const key of layer) {
      const size = sizes.get(key);
      if (!size) continue;
      slots.set(key, slotFor(size, prev?.slots.get(key)));
      keys.push(key);
    }
    if (keys.length) present.push(keys);
  }
  const pack = (perColumn: number) => packColumns(present, slots, sizes, perColumn);
  // Column height: keep the previous one while the map's proportions stay reasonable (re-wrapping
  // reshuffles the whole map); otherwise the one whose map is closest to 16:9. O(G × longest layer).
  const skew = (p: { width: number; height: number }) => Math.abs(Math.log(p.width / Math.max(1, p.height) / ASPECT));
  let perColumn = prev?.perColumn ?? 0;
  let packed = perColumn ? pack(perColumn) : null;
  if (!packed || skew(packed) > Math.log(1.6)) {
    packed = null;
    const longest = Math.max(1, ...present.map((l) => l.length));
    for (let k = 1; k <= longest; k++) {
      const p = pack(k);
      if (!packed || skew(p) < skew(packed) - 1e-9) {
        packed = p;
        perColumn = k;
      }
    }
  }
  return { boxes: packed?.boxes ?? new Map(), state: { perColumn, slots } };
}

/**
 * Each layer cut into columns of `perColumn` slots, left to right, the last one partial: a group
 * added at the end of a layer then moves no other box (balanced columns would shift the whole layer).
 */
function packColumns(layers: readonly string[][], slots: ReadonlyMap<string, Slot>, sizes: ReadonlyMap<string, BoxSize>, perColumn: number) {
  const boxes = new Map<string, PlacedBox>();
  let x = 0;
  let height = 0;
  layers.forEach((keys, l) => {
    const columns = Math.ceil(keys.length / perColumn);
    for (let c = 0; c < columns; c++) {
      const column = keys.slice(c * perColumn, (c + 1) * perColumn);
      let y = 0;
      let width = 0;
      for (const key of column) {
        const slot = slots.get(key)!;
        const size = sizes.get(key)!;
        boxes.set(key, { x, y, width: size.width, height: size.height });
        y += slot.height + GROUP_GAP;
        width = Math.max(width, slot.width);
      }
      height = Math.max(height, y - GROUP_GAP);
      x += width;
      if (c < columns - 1) x += GROUP_GAP;
      else if (l < layers.length - 1) x += LAYER_GAP;
    }
  });
  return { boxes, width: x, height };
}
