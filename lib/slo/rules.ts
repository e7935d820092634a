import { stringify } from 'yaml';
import type { ProfileSpec } from '../schemas/config';
import { WINDOW_PLACEHOLDER, type Slo } from '../schemas/slo';
import type { AlertingRuleDef, RecordingRuleDef, RuleFile, RuleFileGroup } from '../schemas/slo-rules';
import { formatPromDuration } from '../time/duration';
import { escapeLabelValue } from '../promql/escape';
import { sloQueries } from './promql';
import { ALERT_WINDOWS, CURRENT_BURN_WINDOW, DAY_MS, burnRateRows, type AlertWindow } from './windows';

/**
 * Prometheus recording and multi-window multi-burn-rate alerting rules for any set of SLOs.
 *
 * - Per SLO one group `switchyard-slo-<id>`: the error ratio over each alert window (the very
 *   expression the live numbers use, from sloQueries().errorRatio), objective and budget, the current
 *   (1h) burn, then one alert per Workbook row (records first: a group evaluates its rules in order).
 * - Rolling windows also get `switchyard-slo-<id>-period` (error ratio over the whole window, period
 *   burn, budget remaining) at a 2m30s interval: a 30-day range is costly, changes slowly, and 2m30s
 *   stays inside the 5m staleness lookback. A calendar month has no fixed PromQL range, so calendar
 *   SLOs get no period records (their alert rows still work; the live view computes the month).
 * - Records carry slo_id and slo_service. Alerts (named alerting.name, default SloErrorBudgetBurn)
 *   carry, from weakest to strongest: the SLO's labels, alerting.labels, alerting.bySeverity.<sev>.labels,
 *   then slo_id, service, slo_severity (page|ticket), long_window, short_window, which specs cannot
 *   override. `severity` defaults to page|ticket but a spec may set it (Sloth users route on
 *   `severity: pageteam`); slo_severity keeps the tier machine-readable either way. Annotations:
 *   summary, description, triage_url, then alerting.annotations and the per-severity ones.
 * - Thresholds are written as `factor * (1 - objective)` so Prometheus does the same float arithmetic
 *   as the live alert table (server/slo/), and the two never disagree at the boundary.
 * - The two records that do not depend on data, slo:objective:ratio and slo:time_period:days, also
 *   carry slo_query_hash (queryHash): /slos reads the recorded ratios instead of the raw counters only
 *   while they come from the SLO's current PromQL (server/slo/recorded.ts), not from an old rule file.
 */
export const RECORDS = {
  errorRatio: (window: string) => `slo:sli_error:ratio_rate${window}`,
  objective: 'slo:objective:ratio',
  errorBudget: 'slo:error_budget:ratio',
  periodDays: 'slo:time_period:days',
  currentBurn: 'slo:current_burn_rate:ratio',
  periodBurn: 'slo:period_burn_rate:ratio',
  budgetRemaining: 'slo:period_error_budget_remaining:ratio',
} as const;

export const ALERT_NAME = 'SloErrorBudgetBurn';
export const QUERY_HASH_LABEL = 'slo_query_hash';
export const PERIOD_GROUP_INTERVAL = '2m30s';

export interface RuleOptions {
  profile: ProfileSpec;
  /** The dashboard's external URL (config `externalUrl`); links are relative paths without it. */
  baseUrl?: string;
}

export function triageUrl(sloId: string, baseUrl?: string): string {
  return `${(baseUrl ?? '').replace(/\/+$/, '')}/triage?slo=${encodeURIComponent(sloId)}`;
}

/** The PromQL range of a rolling SLO window ("30d", "4w"), or null for a calendar month. */
export function periodRange(slo: Pick<Slo, 'window'>): string | null {
  return slo.window.kind === 'rolling' ? formatPromDuration(slo.window.days * DAY_MS) : null;
}

/**
 * Which PromQL an SLO's records compute: a 64-bit hash (hex; cyrb53's mixing, both lanes kept) of its
 * error-ratio expression with the window left as the placeholder. It changes with the indicator and,
 * for availability SLOs, with the metric profile; not with the name, labels or objective, which the
 * recorded ratios do not depend on. Not cryptographic: it tells a rule file's version, nothing more.
 */
export function queryHash(slo: Pick<Slo, 'service' | 'indicator'>, profile: ProfileSpec): string {
  const text = sloQueries(slo, profile).errorRatio(WINDOW_PLACEHOLDER);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hex = (h: number) => (h >>> 0).toString(16).padStart(8, '0');
  return hex(h2) + hex(h1);
}

// Alert annotations are Go templates: a literal "{{" in an SLO's name would break the rule file.
const literal = (s: string) => s.replace(/\{\{/g, '{ {').replace(/\}\}/g, '} }');
const pct = (ratio: number) => `${+(ratio * 100).toPrecision(6)}%`;

function sloGroups(slo: Slo, opts: RuleOptions): RuleFileGroup[] {
  const q = sloQueries(slo, opts.profile);
  const labels = { slo_id: slo.id, slo_service: slo.service };
  const marked = { ...labels, [QUERY_HASH_LABEL]: queryHash(slo, opts.profile) };
  const sel = (record: string) => `${record}{slo_id="${escapeLabelValue(slo.id)}"}`;
  const budget = `(1 - ${slo.objective})`;

  const records: RecordingRuleDef[] = ALERT_WINDOWS.map((w) => ({ record: RECORDS.errorRatio(w), expr: q.errorRatio(w), labels }));
  records.push(
    { record: RECORDS.objective, expr: `vector(${slo.objective})`, labels: marked },
    { record: RECORDS.errorBudget, expr: `vector${budget}`, labels },
    { record: RECORDS.currentBurn, expr: `${sel(RECORDS.errorRatio(CURRENT_BURN_WINDOW))} / ${budget}`, labels },
  );

  const periodText = slo.window.kind === 'rolling' ? `${slo.window.days}d` : 'calendar-month';
  const alerts: AlertingRuleDef[] = burnRateRows(slo.window)
    .filter((row) => slo.alerting[row.severity])
    .map((row) => {
      const threshold = `(${row.factor} * ${budget})`;
      const cond = (w: AlertWindow) => `${sel(RECORDS.errorRatio(w))} > ${threshold}`;
      const own = slo.alerting.bySeverity?.[row.severity];
      return {
        alert: slo.alerting.name ?? ALERT_NAME,
        expr: `${cond(row.long)} and ${cond(row.short)}`,
        for: row.for,
        labels: {
          severity: row.severity,
          ...slo.labels,
          ...slo.alerting.labels,
          ...own?.labels,
          slo_id: slo.id,
          service: slo.service,
          slo_severity: row.severity,
          long_window: row.long,
          short_window: row.short,
        },
        annotations: {
          summary: `${literal(slo.name)}: error budget burning ${+row.factor.toPrecision(4)}× too fast`,
          description:
            `The error ratio of SLO ${slo.id} (${literal(slo.service)}, objective ${pct(slo.objective)}) is {{ $value | humanizePercentage }} over ${row.long}, ` +
            `and both the ${row.long} and ${row.short} ratios are above ${pct(row.factor * (1 - slo.objective))} (${+row.factor.toPrecision(4)}× the ${pct(1 - slo.objective)} budget). ` +
            `At this burn ${row.budgetPercent}% of the ${periodText} error budget goes in ${row.long}.`,
          triage_url: triageUrl(slo.id, opts.baseUrl),
          ...slo.alerting.annotations,
          ...own?.annotations,
        },
      };
    });

  const groups: RuleFileGroup[] = [{ name: `switchyard-slo-${slo.id}`, rules: [...records, ...alerts] }];
  const period = periodRange(slo);
  if (period !== null) {
    groups.push({
      name: `switchyard-slo-${slo.id}-period`,
      interval: PERIOD_GROUP_INTERVAL,
      rules: [
        { record: RECORDS.errorRatio(period), expr: q.errorRatio(period), labels },
        { record: RECORDS.periodDays, expr: `vector(${(slo.window as { days: number }).days})`, labels: marked },
        { record: RECORDS.periodBurn, expr: `${sel(RECORDS.errorRatio(period))} / ${budget}`, labels },
        { record: RECORDS.budgetRemaining, expr: `1 - ${sel(RECORDS.errorRatio(period))} / ${budget}`, labels },
      ],
    });
  }
  return groups;
}

export function generateRules(slos: Slo[], opts: RuleOptions): RuleFile {
  return { groups: [...slos].sort((a, b) => a.id.localeCompare(b.id)).flatMap((s) => sloGroups(s, opts)) };
}

/**
 * YAML as Prometheus loads it. Long expressions stay on one line (lineWidth 0), and strings YAML 1.1
 * would read as booleans or numbers ("yes", "on", "1e3") are quoted, since Prometheus parses rule files
 * with go-yaml.
 */
export function rulesToYaml(file: RuleFile): string {
  return stringify(file, { lineWidth: 0, version: '1.1' });
}

export function rulesToJson(file: RuleFile): string {
  return JSON.stringify(file, null, 2) + '\n';
}
