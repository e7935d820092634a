import 'server-only';
import type { SloStatus } from '@/lib/schemas/slo-status';
import type { NodeSloBadge } from '@/lib/schemas/topology';
import { worstSlo } from '@/lib/topology/badges';
import { computeSloStatus } from '@/server/slo/compute';
import type { ApplyEnrichment, EnrichContext } from './types';

/** One SLO's badge: its alert state, its budget; worstSlo folds a service's SLOs into one. */
const badgeOf = (s: SloStatus): NodeSloBadge => ({ state: s.alertState, count: 1, budgetRemaining: s.budgetRemaining, worstId: s.id });

/**
 * SLO badges: the state of every loaded SLO at the window's end, folded per service (worst alert
 * state, lowest budget). computeSloStatus batches every SLO into a fixed number of queries (7 plus 2
 * per distinct SLO window), so the map's query count still does not grow with the fleet or the SLOs.
 */
export async function sloBadges({ c, w, errors, signal }: EnrichContext): Promise<ApplyEnrichment | null> {
  const slos = c.slos.list();
  if (slos.length === 0) return null;
  const status = await computeSloStatus({ prometheus: c.prometheus, profile: c.profile }, slos, w.endMs, signal).catch((err: unknown) => {
    errors.add(err, c.prometheus.name);
    return null;
  });
  if (!status) return null;
  for (const e of status.errors) errors.push(e);
  const byService = new Map<string, NodeSloBadge[]>();
  for (const s of status.slos) (byService.get(s.service) ?? byService.set(s.service, []).get(s.service)!).push(badgeOf(s));
  return (nodes) => {
    for (const [service, badges] of byService) {
      const n = nodes.get(service);
      if (n) n.slo = worstSlo(badges);
    }
  };
}
