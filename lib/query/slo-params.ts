import { parseDuration } from '../time/duration';
import { AttributionWindow } from '../schemas/slo-api';
import type { ParamGetter, ParamUpdates } from './range-params';
import type { SortDir } from './services-table-params';

/**
 * URL state of the SLO pages. /slos: `?q=edge&service=payments&team=payments&sort=burn&dir=desc`
 * (default: every SLO, worst budget first, no params). /slos/<id>: `?burn=7d&attr=1h` (default: burn
 * rates over the last 24 hours, attribution over the SLO window). The evaluation time is the shared range's `to` (now by default): the SLO
 * pages show the state at that instant, over the SLO's own window.
 */
export const SLO_SORT_KEYS = ['name', 'service', 'objective', 'sli', 'budget', 'burn', 'state'] as const;
export type SloSortKey = (typeof SLO_SORT_KEYS)[number];

export interface SloTableState {
  q: string;
  service: string | null;
  team: string | null;
  sort: SloSortKey;
  dir: SortDir;
}

export const DEFAULT_SLO_TABLE: SloTableState = { q: '', service: null, team: null, sort: 'budget', dir: 'asc' };

/** The first click on a column: names A→Z, budget and SLI lowest (worst) first, burn and state worst first. */
export const defaultSloDir = (key: SloSortKey): SortDir => (key === 'burn' || key === 'state' || key === 'objective' ? 'desc' : 'asc');

const isSortKey = (v: string | null): v is SloSortKey => v !== null && (SLO_SORT_KEYS as readonly string[]).includes(v);
const text = (v: string | null, max: number) => (v ?? '').slice(0, max);

export function readSloTableState(get: ParamGetter): SloTableState {
  const sortParam = get('sort');
  const sort = isSortKey(sortParam) ? sortParam : DEFAULT_SLO_TABLE.sort;
  const dir = get('dir');
  return {
    q: text(get('q'), 200),
    service: text(get('service'), 253) || null,
    team: text(get('team'), 200) || null,
    sort,
    dir: dir === 'asc' || dir === 'desc' ? dir : defaultSloDir(sort),
  };
}

export function sloTableParamUpdates(state: Partial<SloTableState>): ParamUpdates {
  const out: ParamUpdates = {};
  if (state.q !== undefined) out.q = state.q.trim() === '' ? null : state.q;
  if (state.service !== undefined) out.service = state.service;
  if (state.team !== undefined) out.team = state.team;
  if (state.sort !== undefined || state.dir !== undefined) {
    const isDefault = state.sort === DEFAULT_SLO_TABLE.sort && state.dir === DEFAULT_SLO_TABLE.dir;
    out.sort = isDefault ? null : (state.sort ?? null);
    out.dir = isDefault ? null : (state.dir ?? null);
  }
  return out;
}

export function nextSloSort(current: Pick<SloTableState, 'sort' | 'dir'>, key: SloSortKey): Pick<SloTableState, 'sort' | 'dir'> {
  if (current.sort === key) return { sort: key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { sort: key, dir: defaultSloDir(key) };
}

// ---- the detail page ----

/**
 * The burn chart's range. Default the last 24 hours: every alert window (5m … 3d) is drawn at its
 * 2-minute step, where over 30 days (1-hour step) only the windows of an hour or more can be.
 */
export const BURN_SPANS = [
  { value: '6h', label: 'Last 6 hours' },
  { value: '1d', label: 'Last 24 hours' },
  { value: '7d', label: 'Last 7 days' },
  { value: 'window', label: 'SLO window' },
] as const;
export type BurnSpan = (typeof BURN_SPANS)[number]['value'];
export const DEFAULT_BURN_SPAN: BurnSpan = '1d';

export const ATTRIBUTION_WINDOWS: ReadonlyArray<{ value: AttributionWindow; label: string }> = [
  { value: 'slo', label: 'SLO window' },
  { value: '1d', label: 'Last 24 hours' },
  { value: '1h', label: 'Last hour' },
];

export interface SloDetailState {
  burn: BurnSpan;
  attr: AttributionWindow;
}

export function readSloDetailState(get: ParamGetter): SloDetailState {
  const burn = BURN_SPANS.find((s) => s.value === get('burn'))?.value ?? DEFAULT_BURN_SPAN;
  const attr = AttributionWindow.safeParse(get('attr'));
  return { burn, attr: attr.success ? attr.data : 'slo' };
}

export function sloDetailParamUpdates(state: Partial<SloDetailState>): ParamUpdates {
  const out: ParamUpdates = {};
  if (state.burn !== undefined) out.burn = state.burn === DEFAULT_BURN_SPAN ? null : state.burn;
  if (state.attr !== undefined) out.attr = state.attr === 'slo' ? null : state.attr;
  return out;
}

/**
 * The `from` of the burn chart for a span before `at` (a URL time point), as a URL time point: null
 * for the SLO window; "now-7d" for at "now"; "now-<s>s" for a relative at; unix ms for an absolute one.
 */
export function burnFrom(span: BurnSpan, at: string): string | null {
  if (span === 'window') return null;
  const spanMs = parseDuration(span)!;
  if (at === 'now') return `now-${span}`;
  if (at.startsWith('now-')) return `now-${Math.round(((parseDuration(at.slice(4)) ?? 0) + spanMs) / 1000)}s`;
  const atMs = /^\d+$/.test(at) ? Number(at) : Date.parse(at);
  return Number.isNaN(atMs) ? null : String(atMs - spanMs);
}
