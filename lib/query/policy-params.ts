import { PolicyIdParam } from '../schemas/policy';
import type { ParamGetter, ParamUpdates } from './range-params';

/**
 * URL state of /policies: `?service=checkout&policy=edge:checkout>payments&before=812&edit=new&deleted=1`.
 * `service` filters the list; `policy` selects one (its details, rollout and audit log); `before` pages
 * the audit log (the last revision of the page before); `edit` opens the editor on a policy id or
 * `new`; `deleted` lists tombstones too. The default (everything, newest audit entries) writes no params.
 */
export interface PoliciesViewState {
  service: string | null;
  policy: string | null;
  before: number | null;
  edit: string | null;
  deleted: boolean;
}

export const NEW_POLICY = 'new';

const id = (v: string | null) => (v !== null && PolicyIdParam.safeParse(v).success ? v : null);

export function readPoliciesViewState(get: ParamGetter): PoliciesViewState {
  const before = Number(get('before'));
  const edit = get('edit');
  return {
    service: (get('service') ?? '').slice(0, 253) || null,
    policy: id(get('policy')),
    before: Number.isSafeInteger(before) && before > 0 ? before : null,
    edit: edit === NEW_POLICY ? NEW_POLICY : id(edit),
    deleted: get('deleted') === '1',
  };
}

export function policiesParamUpdates(state: Partial<PoliciesViewState>): ParamUpdates {
  const out: ParamUpdates = {};
  if (state.service !== undefined) out.service = state.service || null;
  if (state.policy !== undefined) out.policy = state.policy;
  if (state.before !== undefined) out.before = state.before === null ? null : String(state.before);
  if (state.edit !== undefined) out.edit = state.edit;
  if (state.deleted !== undefined) out.deleted = state.deleted ? '1' : null;
  return out;
}
