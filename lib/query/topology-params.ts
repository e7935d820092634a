import { TopologyParams } from '../schemas/topology';
import type { ParamGetter, ParamUpdates } from './range-params';
import { readAt } from './topology-replay';

/**
 * The topology map's view in the URL, so a link reproduces it:
 * `?focus=payments&up=2&down=1&filter=unhealthy&minRps=0.5&groupBy=team&labels=errors&sel=payments&q=pay`.
 *  - q: the search box's text; focus: the service the map is narrowed to, with `up` hops of callers
 *    and `down` hops of callees (1–5 each);
 *  - filter: "unhealthy" (warning or critical) or "errors" (error ratio above zero); minRps: hide what
 *    carries less traffic;
 *  - groupBy: the registry metadata key the server groups by (boxes on the map); only: show one group
 *    (a value of groupBy; services of other groups stay as the other end of a call into it);
 *  - labels: what the edges say (none, req/s, error %, p95);
 *  - sel: the selected node (a service name) or edge (`source→target`);
 *  - at: the replay slider's moment in unix ms (absent: live); see topology-replay.ts.
 * Defaults write no params; unreadable values fall back to the default instead of breaking the page.
 */
export const EDGE_LABEL_MODES = ['none', 'rps', 'errors', 'p95'] as const;
export type EdgeLabelMode = (typeof EDGE_LABEL_MODES)[number];

export const TOPOLOGY_FILTERS = ['unhealthy', 'errors'] as const;
export type TopologyFilter = (typeof TOPOLOGY_FILTERS)[number];

/** Grouping keys offered in the picker; the demo fleet's registry metadata has both. */
export const GROUP_BY_CHOICES: readonly string[] = ['team', 'zone'];

export const MIN_HOPS = 1;
export const MAX_HOPS = 5;

export interface TopologyViewState {
  q: string;
  focus: string | null;
  up: number;
  down: number;
  filter: TopologyFilter | null;
  minRps: number | null;
  groupBy: string | null;
  /** Only this group's services (a value of groupBy); ignored without grouping. */
  only: string | null;
  labels: EdgeLabelMode;
  sel: string | null;
  /** The replay moment as written; whether it lies in the window is decided against the window. */
  at: number | null;
}

export const DEFAULT_TOPOLOGY_VIEW: TopologyViewState = {
  q: '',
  focus: null,
  up: 1,
  down: 1,
  filter: null,
  minRps: null,
  groupBy: null,
  only: null,
  labels: 'rps',
  sel: null,
  at: null,
};

const MAX_ID = 256;

function readId(v: string | null): string | null {
  if (v === null) return null;
  const t = v.trim();
  return t === '' || t.length > MAX_ID ? null : t;
}

/** An integer hop count; out-of-range integers are clamped, anything else is the default. */
export function readHops(v: string | null, fallback: number): number {
  if (v === null || !/^\s*\d{1,3}\s*$/.test(v)) return fallback;
  return Math.min(MAX_HOPS, Math.max(MIN_HOPS, Number(v)));
}

/** A positive req/s threshold; 0, negatives and garbage mean "no threshold". */
export function readMinRps(v: string | null): number | null {
  if (v === null || v.trim() === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : null;
}

function oneOf<T extends string>(values: readonly T[], v: string | null): T | null {
  return v !== null && (values as readonly string[]).includes(v) ? (v as T) : null;
}

export function readGroupBy(v: string | null): string | null {
  if (v === null || v === '' || v === 'none') return null;
  return TopologyParams.shape.groupBy.safeParse(v).success ? v : null;
}

export function readTopologyViewState(get: ParamGetter): TopologyViewState {
  const d = DEFAULT_TOPOLOGY_VIEW;
  return {
    q: (get('q') ?? '').slice(0, 200),
    focus: readId(get('focus')),
    up: readHops(get('up'), d.up),
    down: readHops(get('down'), d.down),
    filter: oneOf(TOPOLOGY_FILTERS, get('filter')),
    minRps: readMinRps(get('minRps')),
    groupBy: readGroupBy(get('groupBy')),
    only: readId(get('only')),
    labels: oneOf(EDGE_LABEL_MODES, get('labels')) ?? d.labels,
    sel: readId(get('sel')),
    at: readAt(get('at')),
  };
}

/** Search-param changes for a new (partial) state: a default value removes its param. */
export function topologyParamUpdates(state: Partial<TopologyViewState>): ParamUpdates {
  const d = DEFAULT_TOPOLOGY_VIEW;
  const out: ParamUpdates = {};
  if (state.q !== undefined) out.q = state.q.trim() === '' ? null : state.q;
  if (state.focus !== undefined) out.focus = state.focus;
  if (state.up !== undefined) out.up = state.up === d.up ? null : String(state.up);
  if (state.down !== undefined) out.down = state.down === d.down ? null : String(state.down);
  if (state.filter !== undefined) out.filter = state.filter;
  if (state.minRps !== undefined) out.minRps = state.minRps === null || !(state.minRps > 0) ? null : String(state.minRps);
  if (state.groupBy !== undefined) out.groupBy = state.groupBy;
  if (state.only !== undefined) out.only = state.only;
  if (state.labels !== undefined) out.labels = state.labels === d.labels ? null : state.labels;
  if (state.sel !== undefined) out.sel = state.sel;
  if (state.at !== undefined) out.at = state.at === null ? null : String(state.at);
  return out;
}
