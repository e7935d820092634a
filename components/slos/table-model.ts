import type { SloAlertState, SloStatus } from '@/lib/schemas/slo-status';
import type { SloSortKey } from '@/lib/query/slo-params';
import type { SortDir } from '@/lib/query/services-table-params';

/**
 * Filtering and sorting of the SLO table, pure so it is tested without a browser. Like the services
 * table, missing numbers (no data) sort last in both directions.
 */

/** The team of an SLO: its `team` label (what Sloth, Pyrra and our specs use). */
export const teamOf = (s: Pick<SloStatus, 'labels'>): string | null => s.labels.team ?? null;

/** Worst first when sorted descending. */
const STATE_RANK: Record<SloAlertState, number> = { page: 3, ticket: 2, 'no-data': 1, ok: 0 };

export interface SloFilter {
  q: string;
  service: string | null;
  team: string | null;
}

/** Text matches the name, id, service, or a label written `key=value` (any part of it). */
export function filterSlos(slos: readonly SloStatus[], f: SloFilter): SloStatus[] {
  const needle = f.q.trim().toLowerCase();
  return slos.filter((s) => {
    if (f.service !== null && s.service !== f.service) return false;
    if (f.team !== null && teamOf(s) !== f.team) return false;
    if (needle === '') return true;
    const hay = [s.name, s.id, s.service, ...Object.entries(s.labels).map(([k, v]) => `${k}=${v}`)];
    return hay.some((h) => h.toLowerCase().includes(needle));
  });
}

function value(s: SloStatus, key: SloSortKey): number | string | null {
  switch (key) {
    case 'name':
      return s.name;
    case 'service':
      return s.service;
    case 'objective':
      return s.objective;
    case 'sli':
      return s.sli;
    case 'budget':
      return s.budgetRemaining;
    case 'burn':
      return s.currentBurn;
    case 'state':
      return STATE_RANK[s.alertState];
  }
}

export function sortSlos(slos: readonly SloStatus[], key: SloSortKey, dir: SortDir): SloStatus[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...slos].sort((a, b) => {
    const va = value(a, key);
    const vb = value(b, key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      const cmp = typeof va === 'string' ? va.localeCompare(vb as string) : va - (vb as number);
      if (cmp !== 0) return sign * cmp;
    }
    // Stable ties so live refreshes don't shuffle equal rows.
    return a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
  });
}

/** The distinct services and teams, sorted, for the filter menus. */
export function filterOptions(slos: readonly SloStatus[]): { services: string[]; teams: string[] } {
  const services = new Set(slos.map((s) => s.service));
  const teams = new Set(slos.map(teamOf).filter((t): t is string => t !== null));
  return { services: [...services].sort(), teams: [...teams].sort() };
}
