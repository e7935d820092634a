import { describe, expect, it } from 'vitest';
import { OVERVIEW_FIRST, overviewFirst } from './layout-protocol';

describe('overviewFirst', () => {
  it('shows the overview first only when many groups or services are still to lay out', () => {
    expect(overviewFirst({ groups: 0, nodes: 0 })).toBe(false);
    expect(overviewFirst({ groups: 1, nodes: 10 })).toBe(false);
    expect(overviewFirst({ groups: OVERVIEW_FIRST.groups - 1, nodes: OVERVIEW_FIRST.nodes - 1 })).toBe(false);
    expect(overviewFirst({ groups: OVERVIEW_FIRST.groups, nodes: 80 })).toBe(true);
    expect(overviewFirst({ groups: 1, nodes: OVERVIEW_FIRST.nodes })).toBe(true);
  });
});
