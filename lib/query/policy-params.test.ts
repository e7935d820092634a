import { describe, expect, it } from 'vitest';
import { policiesParamUpdates, readPoliciesViewState } from './policy-params';

const read = (q: string) => {
  const p = new URLSearchParams(q);
  return readPoliciesViewState((k) => p.get(k));
};

describe('policies view URL state', () => {
  it('defaults to everything with no params', () => {
    expect(read('')).toEqual({ service: null, policy: null, before: null, edit: null, deleted: false });
  });
  it('reads valid values and drops unusable ones', () => {
    expect(read('service=checkout&policy=edge:checkout>payments&before=812&edit=new&deleted=1')).toEqual({
      service: 'checkout',
      policy: 'edge:checkout>payments',
      before: 812,
      edit: 'new',
      deleted: true,
    });
    expect(read('policy=payments&before=-3&edit=oops')).toMatchObject({ policy: null, before: null, edit: null });
    expect(read('before=1.5')).toMatchObject({ before: null });
  });
  it('writes defaults as no param', () => {
    expect(policiesParamUpdates({ service: null, before: null, deleted: false, edit: 'service:cart' })).toEqual({ service: null, before: null, deleted: null, edit: 'service:cart' });
  });
});
