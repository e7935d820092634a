import type { Health, ServiceSummary } from '@/lib/schemas/services';
import type { SortDir, SortKey } from '@/lib/query/services-table-params';

/**
 * Filtering and sorting of the services table, pure so it is tested without a browser. Missing
 * numbers (null) sort last in both directions: "no data" is never the biggest or the smallest.
 */

/** Worst first when sorted descending. */
const HEALTH_RANK: Record<Health, number> = { critical: 4, warning: 3, unknown: 2, healthy: 1, idle: 0 };

export function filterServices(services: readonly ServiceSummary[], q: string, health: Health | null): ServiceSummary[] {
  const needle = q.trim().toLowerCase();
  return services.filter((s) => (health === null || s.health === health) && (needle === '' || s.name.toLowerCase().includes(needle)));
}

function value(s: ServiceSummary, key: SortKey): number | string | null {
  if (key === 'name') return s.name;
  if (key === 'health') return HEALTH_RANK[s.health];
  return s[key];
}

export function sortServices(services: readonly ServiceSummary[], key: SortKey, dir: SortDir): ServiceSummary[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...services].sort((a, b) => {
    const va = value(a, key);
    const vb = value(b, key);
    if (va === null || vb === null) {
      if (va !== vb) return va === null ? 1 : -1;
    } else if (va !== vb) {
      const cmp = typeof va === 'string' ? va.localeCompare(vb as string) : va - (vb as number);
      if (cmp !== 0) return sign * cmp;
    }
    // Stable, predictable ties: by name, so live refreshes don't shuffle equal rows.
    return a.name.localeCompare(b.name);
  });
}

/**
 * Which presence badge a row gets. Only claim "no traffic" when metrics answered, and "not registered"
 * when there is a registry at all; otherwise every row would carry a badge that says nothing.
 */
export function presenceOf(s: ServiceSummary, ctx: { metricsAnswered: boolean; registryInUse: boolean }): 'no-traffic' | 'not-registered' | null {
  if (s.inRegistry && !s.inMetrics && ctx.metricsAnswered) return 'no-traffic';
  if (s.inMetrics && !s.inRegistry && ctx.registryInUse) return 'not-registered';
  return null;
}
