import { z } from 'zod';
import type { SloIndicator, SloWindow } from '../schemas/slo';
import { windowedQuery } from './spec-query';
import { type ImportResult, type SliLookup, type SpecIssue, type SpecPath, zodIssues } from './spec-types';
import { isTimeZone, percentToRatio, promDurationDays, sanitizeLabelName, slugify } from './spec-values';

/**
 * OpenSLO v1 (`apiVersion: openslo/v1`), kinds SLO and SLI; DataSource, Service and the alerting kinds
 * are valid but carry nothing we use. Mapping (docs/slo.md):
 * - id = slug(metadata.name), name = metadata.displayName or metadata.name, labels = metadata.labels
 *   (list values joined with ",", keys made Prometheus label names), service = spec.service;
 * - indicator (inline) or indicatorRef (an SLI document in any loaded file): ratioMetric good|bad + total,
 *   each query read from metricSource.spec.query (the Prometheus data-source convention), put on the SLO
 *   window by windowedQuery (keeps {{.window}}, rewrites one rate()/increase() range, or wraps a counter's
 *   bare selector);
 * - timeWindow[0]: rolling whole days (28d, 4w, 720h), or calendar 1M → calendar month in its timeZone;
 * - budgetingMethod Occurrences only; objectives: exactly one, target or targetPercent;
 * - alertPolicies are not read: alerting is our multi-window multi-burn-rate rule set.
 */

const Labels = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number(), z.boolean()]))]));

const Metadata = z.object({ name: z.string().min(1), displayName: z.string().optional(), labels: Labels.optional() });

const MetricSource = z.object({
  metricSourceRef: z.string().optional(),
  type: z.string().optional(),
  spec: z.object({ query: z.string({ error: 'spec.query (the PromQL query) is required' }).min(1) }, { error: 'spec with a PromQL query is required' }),
});
const Part = z.object({ metricSource: MetricSource });

const SliSpec = z.object({
  description: z.string().optional(),
  thresholdMetric: z.unknown().optional(),
  ratioMetric: z
    .object({
      counter: z.boolean().optional(),
      good: Part.optional(),
      bad: Part.optional(),
      total: Part.optional(),
      raw: z.unknown().optional(),
      rawType: z.unknown().optional(),
    })
    .optional(),
});

const Objective = z.object({ target: z.number().optional(), targetPercent: z.number().optional() });

const SloDoc = z.object({
  metadata: Metadata,
  spec: z.object({
    description: z.string().optional(),
    service: z.string().min(1),
    indicator: z.object({ metadata: z.unknown().optional(), spec: z.unknown() }).optional(),
    indicatorRef: z.string().min(1).optional(),
    timeWindow: z
      .array(
        z.object({
          duration: z.string(),
          isRolling: z.boolean().optional(),
          calendar: z.object({ startTime: z.unknown().optional(), timeZone: z.string().optional() }).optional(),
        }),
        { error: 'timeWindow (one rolling or calendar window) is required' },
      )
      .length(1, 'timeWindow holds exactly one window'),
    budgetingMethod: z.string({ error: 'budgetingMethod is required (Switchyard supports Occurrences)' }),
    objectives: z.array(Objective).min(1),
  }),
});

export const OPENSLO_IGNORED_KINDS = new Set(['DataSource', 'Service', 'AlertPolicy', 'AlertCondition', 'AlertNotificationTarget']);

/** An SLI's spec (kind SLI's `spec`, or an inline indicator's `spec`) as our indicator. */
export function openSloIndicator(raw: unknown, at: SpecPath): { indicator: z.input<typeof SloIndicator> } | { issues: SpecIssue[] } {
  const parsed = SliSpec.safeParse(raw ?? {});
  if (!parsed.success) return { issues: zodIssues(parsed.error, at) };
  const { thresholdMetric, ratioMetric } = parsed.data;
  if (thresholdMetric !== undefined) {
    return { issues: [{ path: [...at, 'thresholdMetric'], message: 'thresholdMetric compares sampled values with a threshold; Switchyard SLIs count good and total events: use ratioMetric (for latency, good = histogram bucket under the threshold)' }] };
  }
  if (!ratioMetric) return { issues: [{ path: at, message: 'ratioMetric is required' }] };
  const rm = [...at, 'ratioMetric'];
  if (ratioMetric.raw !== undefined) {
    return { issues: [{ path: [...rm, 'raw'], message: 'a raw (precomputed) ratio cannot be split back into good and total events; give good or bad, and total' }] };
  }
  const issues: SpecIssue[] = [];
  if ((ratioMetric.good === undefined) === (ratioMetric.bad === undefined)) issues.push({ path: rm, message: 'exactly one of good and bad is required' });
  if (!ratioMetric.total) issues.push({ path: [...rm, 'total'], message: 'total is required' });
  const query = (key: 'good' | 'bad' | 'total'): string | undefined => {
    const part = ratioMetric[key];
    if (!part) return undefined;
    const path = [...rm, key, 'metricSource'];
    const type = part.metricSource.type;
    if (type !== undefined && type.toLowerCase() !== 'prometheus') {
      issues.push({ path: [...path, 'type'], message: `data source type ${type}: Switchyard reads Prometheus queries only` });
      return undefined;
    }
    const w = windowedQuery(part.metricSource.spec.query, { counter: ratioMetric.counter });
    if ('error' in w) {
      issues.push({ path: [...path, 'spec', 'query'], message: `the query ${w.error}` });
      return undefined;
    }
    return w.query;
  };
  const good = query('good');
  const bad = query('bad');
  const total = query('total');
  if (issues.length || total === undefined) return { issues };
  return { indicator: { kind: 'ratio', ...(good !== undefined ? { good } : { bad }), total } };
}

export function importOpenSlo(doc: unknown, sli: SliLookup): ImportResult {
  const parsed = SloDoc.safeParse(doc);
  if (!parsed.success) return { drafts: [], issues: zodIssues(parsed.error, []) };
  const { metadata, spec } = parsed.data;
  const issues: SpecIssue[] = [];

  if (spec.budgetingMethod !== 'Occurrences') {
    issues.push({
      path: ['spec', 'budgetingMethod'],
      message: `${spec.budgetingMethod} is not supported: Switchyard budgets are event-based (Occurrences: good events / total events), not counted in time slices`,
    });
  }
  const window = readTimeWindow(spec.timeWindow[0]!, issues);
  const objective = readObjective(spec.objectives, issues);

  let indicator: z.input<typeof SloIndicator> | undefined;
  let indicatorPath: SpecPath = ['spec', 'indicator'];
  if ((spec.indicator === undefined) === (spec.indicatorRef === undefined)) {
    issues.push({ path: ['spec'], message: 'exactly one of indicator and indicatorRef is required' });
  } else if (spec.indicator) {
    const r = openSloIndicator(spec.indicator.spec, ['spec', 'indicator', 'spec']);
    if ('issues' in r) issues.push(...r.issues);
    else indicator = r.indicator;
  } else {
    indicatorPath = ['spec', 'indicatorRef'];
    const r = sli(spec.indicatorRef!);
    if ('error' in r) issues.push({ path: indicatorPath, message: r.error });
    else indicator = r.indicator;
  }
  if (issues.length || !window || objective === null || !indicator) return { drafts: [], issues };

  const labels = Object.fromEntries(Object.entries(metadata.labels ?? {}).map(([k, v]) => [sanitizeLabelName(k), Array.isArray(v) ? v.join(',') : String(v)]));
  return {
    drafts: [
      {
        at: [],
        from: {
          id: ['metadata', 'name'],
          name: metadata.displayName !== undefined ? ['metadata', 'displayName'] : ['metadata', 'name'],
          description: ['spec', 'description'],
          service: ['spec', 'service'],
          labels: ['metadata', 'labels'],
          objective: objective.from,
          window: ['spec', 'timeWindow', 0],
          indicator: indicatorPath,
        },
        slo: {
          id: slugify(metadata.name),
          name: metadata.displayName ?? metadata.name,
          description: spec.description ?? '',
          service: spec.service,
          labels,
          objective: objective.value,
          window,
          indicator,
        },
      },
    ],
    issues,
  };
}

type TimeWindow = z.infer<typeof SloDoc>['spec']['timeWindow'][number];

function readTimeWindow(tw: TimeWindow, issues: SpecIssue[]): SloWindow | null {
  const path = ['spec', 'timeWindow', 0];
  const rolling = tw.isRolling ?? tw.calendar === undefined;
  if (!rolling) {
    if (tw.duration !== '1M') {
      issues.push({ path: [...path, 'duration'], message: `calendar window ${tw.duration}: only the calendar month (1M) is supported` });
      return null;
    }
    const timeZone = tw.calendar?.timeZone ?? 'UTC';
    if (!isTimeZone(timeZone)) {
      issues.push({ path: [...path, 'calendar', 'timeZone'], message: `${JSON.stringify(timeZone)} is not an IANA time zone` });
      return null;
    }
    return { kind: 'calendar-month', timeZone };
  }
  if (/^\d+[MQY]$/.test(tw.duration)) {
    issues.push({ path: [...path, 'duration'], message: `a rolling ${tw.duration} has no fixed length: use days (e.g. 30d) or a calendar window (isRolling: false)` });
    return null;
  }
  const days = /^\d+[mhdw]$/.test(tw.duration) ? promDurationDays(tw.duration) : `"${tw.duration}" is not an OpenSLO duration like 28d or 4w`;
  if (typeof days === 'string' || days < 1 || days > 400) {
    issues.push({ path: [...path, 'duration'], message: typeof days === 'string' ? days : `a window of ${days} days is outside 1–400 days` });
    return null;
  }
  return { kind: 'rolling', days };
}

function readObjective(objectives: z.infer<typeof Objective>[], issues: SpecIssue[]): { value: number; from: SpecPath } | null {
  if (objectives.length > 1) {
    issues.push({ path: ['spec', 'objectives'], message: 'Switchyard supports one objective per SLO: split the objectives into separate SLOs' });
    return null;
  }
  const { target, targetPercent } = objectives[0]!;
  const path = ['spec', 'objectives', 0];
  if ((target === undefined) === (targetPercent === undefined)) {
    issues.push({ path, message: 'exactly one of target (a ratio, e.g. 0.999) and targetPercent (e.g. 99.9) is required' });
    return null;
  }
  if (target !== undefined) {
    if (target > 0 && target < 1) return { value: target, from: [...path, 'target'] };
    issues.push({ path: [...path, 'target'], message: `target is a ratio above 0 and below 1 (0.999 is 99.9 %), not ${target}` });
    return null;
  }
  if (targetPercent! > 0 && targetPercent! < 100) return { value: percentToRatio(targetPercent!), from: [...path, 'targetPercent'] };
  issues.push({ path: [...path, 'targetPercent'], message: `targetPercent must be above 0 and below 100, not ${targetPercent}` });
  return null;
}

const SliDoc = z.object({ metadata: z.object({ name: z.string().min(1) }), spec: z.unknown() });

/** A `kind: SLI` document: its name and indicator (or why it has none), for indicatorRef lookups. */
export function importOpenSloSli(doc: unknown): { name: string; indicator: z.input<typeof SloIndicator> | null; issues: SpecIssue[] } | { name: null; issues: SpecIssue[] } {
  const parsed = SliDoc.safeParse(doc);
  if (!parsed.success) return { name: null, issues: zodIssues(parsed.error, []) };
  const r = openSloIndicator(parsed.data.spec, ['spec']);
  return 'issues' in r ? { name: parsed.data.metadata.name, indicator: null, issues: r.issues } : { name: parsed.data.metadata.name, indicator: r.indicator, issues: [] };
}
