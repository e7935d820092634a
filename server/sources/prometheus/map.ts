import 'server-only';
import type { PromAlert, PromRuleGroup, PromTarget } from '@/lib/schemas/prometheus';
import type { z } from 'zod';
import type { WireAlertT, WireRules, WireTargets } from './wire';

/** Prometheus formats floats as Go does: "NaN", "+Inf", "-Inf" besides plain numbers. */
export function parseSampleValue(v: string): number {
  if (v === '+Inf' || v === 'Inf') return Infinity;
  if (v === '-Inf') return -Infinity;
  return Number(v); // "NaN" → NaN
}

const ms = (rfc3339: string | undefined): number | null => {
  if (!rfc3339 || rfc3339.startsWith('0001-01-01')) return null; // Go's zero time = never
  const t = Date.parse(rfc3339);
  return Number.isNaN(t) ? null : t;
};

export const toAlert = (a: WireAlertT): PromAlert => ({
  labels: a.labels,
  annotations: a.annotations,
  state: a.state,
  activeAtMs: ms(a.activeAt),
  value: parseSampleValue(a.value),
});

export function toRuleGroups(w: z.infer<typeof WireRules>): PromRuleGroup[] {
  return w.groups.map((g) => ({
    name: g.name,
    file: g.file,
    intervalS: g.interval,
    rules: g.rules.map((r) =>
      r.type === 'alerting'
        ? { type: 'alerting' as const, name: r.name, query: r.query, labels: r.labels, health: r.health, lastError: r.lastError || null, state: r.state, durationS: r.duration, annotations: r.annotations, alerts: r.alerts.map(toAlert) }
        : { type: 'recording' as const, name: r.name, query: r.query, labels: r.labels, health: r.health, lastError: r.lastError || null },
    ),
  }));
}

export function toTargets(w: z.infer<typeof WireTargets>): PromTarget[] {
  return w.activeTargets.map((t) => ({
    labels: t.labels,
    scrapePool: t.scrapePool,
    scrapeUrl: t.scrapeUrl,
    health: t.health,
    lastError: t.lastError,
    lastScrapeMs: ms(t.lastScrape),
  }));
}
