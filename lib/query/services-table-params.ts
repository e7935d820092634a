import { Health } from '../schemas/services';
import type { ParamGetter, ParamUpdates } from './range-params';

/**
 * Services table state in the URL: `?q=pay&health=critical&sort=errorRatio&dir=desc`.
 * The default (all services, by name A→Z) writes no params.
 */
export const SORT_KEYS = ['name', 'health', 'rps', 'errorRatio', 'p50', 'p95', 'p99', 'instances'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = 'asc' | 'desc';

export interface ServicesTableState {
  q: string;
  health: Health | null;
  sort: SortKey;
  dir: SortDir;
}

export const DEFAULT_TABLE_STATE: ServicesTableState = { q: '', health: null, sort: 'name', dir: 'asc' };

/** The first click on a column: names A→Z; numbers and health worst/biggest first. */
export const defaultDir = (key: SortKey): SortDir => (key === 'name' ? 'asc' : 'desc');

const isSortKey = (v: string | null): v is SortKey => v !== null && (SORT_KEYS as readonly string[]).includes(v);

export function readServicesTableState(get: ParamGetter): ServicesTableState {
  const sortParam = get('sort');
  const sort = isSortKey(sortParam) ? sortParam : DEFAULT_TABLE_STATE.sort;
  const dirParam = get('dir');
  const health = Health.safeParse(get('health'));
  return {
    q: (get('q') ?? '').slice(0, 200),
    health: health.success ? health.data : null,
    sort,
    dir: dirParam === 'asc' || dirParam === 'desc' ? dirParam : defaultDir(sort),
  };
}

export function tableParamUpdates(state: Partial<ServicesTableState>): ParamUpdates {
  const out: ParamUpdates = {};
  if (state.q !== undefined) out.q = state.q.trim() === '' ? null : state.q;
  if (state.health !== undefined) out.health = state.health;
  if (state.sort !== undefined || state.dir !== undefined) {
    const isDefault = state.sort === DEFAULT_TABLE_STATE.sort && state.dir === DEFAULT_TABLE_STATE.dir;
    out.sort = isDefault ? null : (state.sort ?? null);
    out.dir = isDefault ? null : (state.dir ?? null);
  }
  return out;
}

/** Clicking a header: the same column flips direction, another column starts at its natural one. */
export function nextSort(current: Pick<ServicesTableState, 'sort' | 'dir'>, key: SortKey): Pick<ServicesTableState, 'sort' | 'dir'> {
  if (current.sort === key) return { sort: key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { sort: key, dir: defaultDir(key) };
}
