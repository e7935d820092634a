import 'server-only';
import type { ProfileSpec } from '@/lib/schemas/config';
import type { Slo } from '@/lib/schemas/slo';
import { escapeRegexValue } from '@/lib/promql/escape';
import { QUERY_HASH_LABEL, RECORDS, periodRange, queryHash } from '@/lib/slo/rules';
import { ALERT_WINDOWS, type AlertWindow } from '@/lib/slo/windows';
import type { PrometheusSource } from '@/server/sources/prometheus/port';

/** An SLO's error ratios as its recording rules last recorded them; undefined = no series (no data). */
export interface RecordedRatios {
  windows: Record<AlertWindow, number | undefined>;
  period: number | undefined;
}

/**
 * The fast path of /slos (docs/slo.md, "Query cost"): when the generated recording rules (lib/slo/rules.ts)
 * run in Prometheus, an SLO's error ratios are already there, one series per window, and reading them
 * costs one selector for all SLOs instead of two raw selectors per SLO over up to 30 days.
 *
 * One instant query at t reads every recorded ratio and the two marker records of the listed SLOs. An
 * SLO takes its numbers from them only when both markers are there and unambiguous: exactly one
 * slo:objective:ratio and one slo:time_period:days for its id (both rule groups ran within the last
 * 5 minutes), carrying the hash of its current PromQL (a rule file generated before the spec changed
 * computes something else), the period record saying its window's length, and at most one series per
 * ratio. A missing ratio with the markers present means what a missing raw series means: no data.
 * Everything else, and calendar-month SLOs (their period has no recording rule), goes the raw way.
 *
 * The recorded values are those of the rules' last evaluation at or before t: exactly the raw numbers
 * when Prometheus evaluated at t, otherwise up to one group interval older (the period group runs
 * every 2m30s). A failed read is not an error: the raw path answers (and reports an outage itself).
 */
export async function readRecorded(prom: PrometheusSource, profile: ProfileSpec, slos: Slo[], tMs: number, signal?: AbortSignal): Promise<Map<string, RecordedRatios>> {
  const out = new Map<string, RecordedRatios>();
  const rolling = slos.filter((s) => s.window.kind === 'rolling');
  if (rolling.length === 0) return out;
  let samples;
  try {
    samples = await prom.instant(recordedSelector(rolling.map((s) => s.id)), { timeMs: tMs, signal });
  } catch {
    return out;
  }
  const byId = new Map<string, Map<string, Array<{ value: number; hash: string | undefined }>>>();
  for (const s of samples) {
    const id = s.labels.slo_id;
    const name = s.labels.__name__;
    if (id === undefined || name === undefined) continue;
    let names = byId.get(id);
    if (!names) byId.set(id, (names = new Map()));
    names.set(name, [...(names.get(name) ?? []), { value: s.value, hash: s.labels[QUERY_HASH_LABEL] }]);
  }
  for (const slo of rolling) {
    const names = byId.get(slo.id);
    if (!names) continue;
    const hash = queryHash(slo, profile);
    const objective = names.get(RECORDS.objective) ?? [];
    const days = names.get(RECORDS.periodDays) ?? [];
    const marked = objective.length === 1 && objective[0]!.hash === hash && days.length === 1 && days[0]!.hash === hash && days[0]!.value === (slo.window as { days: number }).days;
    if (!marked) continue;
    const one = (name: string): number | undefined | 'ambiguous' => {
      const found = names.get(name) ?? [];
      return found.length > 1 ? 'ambiguous' : found[0]?.value;
    };
    const windows = Object.fromEntries(ALERT_WINDOWS.map((w) => [w, one(RECORDS.errorRatio(w))]));
    const period = one(RECORDS.errorRatio(periodRange(slo)!));
    if (period === 'ambiguous' || Object.values(windows).includes('ambiguous')) continue;
    out.set(slo.id, { windows: windows as RecordedRatios['windows'], period });
  }
  return out;
}

/** Every recorded ratio and both markers of these SLOs: one selector. */
export function recordedSelector(ids: string[]): string {
  const names = [`${escapeRegexValue(RECORDS.errorRatio(''))}.+`, escapeRegexValue(RECORDS.objective), escapeRegexValue(RECORDS.periodDays)];
  return `{__name__=~"${names.join('|')}",slo_id=~"${[...new Set(ids)].sort().map(escapeRegexValue).join('|')}"}`;
}
