import { describe, expect, it } from 'vitest';
import { newSloTemplate } from '../slo/export-switchyard';
import { checkSloEdit } from './slo-spec';

describe('checkSloEdit', () => {
  it('accepts the new-SLO template as it is and names the id it saves under', () => {
    expect(checkSloEdit(newSloTemplate('users'), null)).toEqual({ id: 'users-availability', problems: [] });
  });

  it('reports the parser’s problem with field and line', () => {
    const text = newSloTemplate('users').replace('objectivePercent: 99.9', 'objectivePercent: 120');
    const r = checkSloEdit(text, null);
    expect(r.id).toBeNull();
    // objectivePercent is the 6th line of the template.
    expect(r.problems).toEqual([expect.objectContaining({ field: 'objectivePercent', line: 6 })]);
  });

  it('wants one kind: SLO document, and the same id when editing', () => {
    const list = 'apiVersion: switchyard/v1\nkind: SLOList\nslos:\n  - id: a\n    name: a\n    service: s\n    objective: 0.9\n    window: 7d\n    indicator: {kind: service-availability}\n';
    expect(checkSloEdit(list, null).problems).toEqual([expect.objectContaining({ field: 'kind' })]);
    expect(checkSloEdit(newSloTemplate('users'), 'other').problems).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});
