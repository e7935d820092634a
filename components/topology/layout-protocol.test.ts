import { describe, expect, it } from 'vitest';
import { OVERVIEW_FIRST, collapsedKey, graphShapeKey, isLayoutRequest, overviewFirst, requestInput } from './layout-protocol';

describe('overviewFirst', () => {
  it('shows the overview first only when many groups or services are still to lay out', () => {
    expect(overviewFirst({ groups: 0, nodes: 0 })).toBe(false);
    expect(overviewFirst({ groups: 1, nodes: 10 })).toBe(false);
    expect(overviewFirst({ groups: OVERVIEW_FIRST.groups - 1, nodes: OVERVIEW_FIRST.nodes - 1 })).toBe(false);
    expect(overviewFirst({ groups: OVERVIEW_FIRST.groups, nodes: 80 })).toBe(true);
    expect(overviewFirst({ groups: 1, nodes: OVERVIEW_FIRST.nodes })).toBe(true);
  });
});

describe('collapse-only requests', () => {
  const input = { nodes: [{ id: 'a', group: 'g', width: 160, height: 40 }], edges: [], collapsed: [] };
  it('stand for the last full input with other groups collapsed', () => {
    expect(requestInput({ kind: 'switchyard-layout', id: 2, collapsed: ['g'] }, input)).toEqual({ ...input, collapsed: ['g'] });
    expect(requestInput({ kind: 'switchyard-layout', id: 1, input }, null)).toBe(input);
    expect(requestInput({ kind: 'switchyard-layout', id: 3, collapsed: ['g'] }, null)).toBeNull();
  });
  it('share the graph key, not the collapsed key', () => {
    const folded = { ...input, collapsed: ['g'] };
    expect(graphShapeKey(folded)).toBe(graphShapeKey(input));
    expect(collapsedKey(folded)).not.toBe(collapsedKey(input));
    expect(isLayoutRequest({ kind: 'switchyard-layout', id: 1, collapsed: [] })).toBe(true);
    expect(isLayoutRequest({ kind: 'switchyard-layout', id: 1 })).toBe(false);
  });
});
