import { z } from 'zod';
import { WINDOW_PLACEHOLDER, type SloIndicator } from '../schemas/slo';
import { formatMatcher, parseSelector, type LabelMatcher, type MetricSelector } from './spec-query';
import { type ImportResult, type SpecIssue, type SpecPath, zodIssues } from './spec-types';
import { checkedDays, percentToRatio, promDurationDays, sanitizeLabelName, slugify } from './spec-values';

/**
 * Pyrra `apiVersion: pyrra.dev/v1alpha1`, `kind: ServiceLevelObjective`. Mapping (docs/slo.md):
 * - id = slug(metadata.name), name = metadata.name; labels = `namespace` plus the `pyrra.dev/<k>`
 *   labels as `<k>` (what Pyrra itself copies onto its rules; `prometheus: k8s`-style object labels are
 *   for the operator and are dropped);
 * - target (string percent) → ratio; window (Prometheus duration, whole days) → rolling;
 * - indicator.ratio → ratio: bad = sum(rate(<errors.metric>[{{.window}}])), total likewise;
 * - indicator.latency → latency when it is the plain histogram shape (success = `<h>_bucket{…, le="x"}`,
 *   total = `<h>_count{…}` with the same other matchers, le written as a plain number), else a ratio
 *   with good = success, which measures the same thing;
 * - service = label pyrra.dev/service, else metadata label service, else the total selector's
 *   `service="…"`, else its `job="…"`;
 * - grouping (one SLO per label value), latencyNative and bool_gauge are refused (see the messages).
 */

const Query = z.object({ metric: z.string().min(1) });
const Grouping = z.array(z.string()).nullish();

const PyrraDoc = z.object({
  kind: z.literal('ServiceLevelObjective'),
  metadata: z.object({
    name: z.string().min(1),
    namespace: z.string().optional(),
    labels: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).optional(),
  }),
  spec: z.object({
    description: z.string().optional(),
    target: z.union([z.string(), z.number()]),
    window: z.string(),
    indicator: z.object({
      ratio: z.object({ errors: Query, total: Query, grouping: Grouping }).optional(),
      latency: z.object({ success: Query, total: Query, grouping: Grouping }).optional(),
      latencyNative: z.unknown().optional(),
      bool_gauge: z.unknown().optional(),
    }),
    alerting: z.object({ disabled: z.boolean().optional(), burnrates: z.boolean().optional(), name: z.string().optional() }).optional(),
  }),
});

const PROPAGATED = 'pyrra.dev/';

export function importPyrra(doc: unknown): ImportResult {
  const parsed = PyrraDoc.safeParse(doc);
  if (!parsed.success) return { drafts: [], issues: zodIssues(parsed.error, []) };
  const { metadata, spec } = parsed.data;
  const issues: SpecIssue[] = [];

  const target = Number(spec.target);
  let objective: number | null = null;
  if (!(target > 0 && target < 100)) issues.push({ path: ['spec', 'target'], message: `target is a percent above 0 and below 100 (e.g. "99.5"), not ${JSON.stringify(spec.target)}` });
  else if (target < 1) issues.push({ path: ['spec', 'target'], message: `target is a percent: "${spec.target}" means ${spec.target} %, surely meant ${target * 100} %` });
  else objective = percentToRatio(target);

  const days = checkedDays(promDurationDays(spec.window));
  if (typeof days === 'string') issues.push({ path: ['spec', 'window'], message: days });

  const ind = readIndicator(spec.indicator, issues);
  const labels: Record<string, string> = {};
  if (metadata.namespace) labels.namespace = metadata.namespace;
  for (const [k, v] of Object.entries(metadata.labels ?? {})) {
    if (k.startsWith(PROPAGATED)) labels[sanitizeLabelName(k.slice(PROPAGATED.length))] = v;
  }
  const service = ind && serviceOf(metadata.labels ?? {}, ind.total);
  if (ind && !service) {
    issues.push({
      path: ['spec', 'indicator', ind.key, 'total', 'metric'],
      message: 'cannot tell the service: add a service="…" or job="…" matcher to this selector, or the label pyrra.dev/service to metadata.labels',
    });
  }
  if (issues.length || !ind || !service || objective === null || typeof days === 'string') return { drafts: [], issues };

  const alertsOff = spec.alerting?.disabled === true || spec.alerting?.burnrates === false;
  return {
    drafts: [
      {
        at: [],
        from: {
          id: ['metadata', 'name'],
          name: ['metadata', 'name'],
          description: ['spec', 'description'],
          service: ['metadata'],
          labels: ['metadata', 'labels'],
          objective: ['spec', 'target'],
          window: ['spec', 'window'],
          indicator: ['spec', 'indicator', ind.key],
          alerting: ['spec', 'alerting'],
        },
        slo: {
          id: slugify(metadata.name),
          name: metadata.name,
          description: spec.description ?? '',
          service,
          labels,
          objective,
          window: { kind: 'rolling', days },
          indicator: ind.indicator,
          alerting: { page: !alertsOff, ticket: !alertsOff, ...(spec.alerting?.name ? { name: spec.alerting.name } : {}) },
        },
      },
    ],
    issues,
  };
}

type Indicator = z.infer<typeof PyrraDoc>['spec']['indicator'];

function readIndicator(ind: Indicator, issues: SpecIssue[]): { key: 'ratio' | 'latency'; total: MetricSelector; indicator: z.input<typeof SloIndicator> } | null {
  const base: SpecPath = ['spec', 'indicator'];
  if (ind.latencyNative !== undefined) {
    issues.push({ path: [...base, 'latencyNative'], message: 'native-histogram latency is not supported yet: use indicator.latency with a classic histogram (_bucket with le)' });
    return null;
  }
  if (ind.bool_gauge !== undefined) {
    issues.push({ path: [...base, 'bool_gauge'], message: 'bool_gauge counts samples of a gauge, not events; Switchyard SLIs are good/total event counts (use ratio)' });
    return null;
  }
  if ((ind.ratio === undefined) === (ind.latency === undefined)) {
    issues.push({ path: base, message: 'exactly one of ratio and latency is required' });
    return null;
  }
  const key = ind.ratio ? 'ratio' : 'latency';
  const spec = ind.ratio ?? ind.latency!;
  if (spec.grouping && spec.grouping.length > 0) {
    issues.push({ path: [...base, key, 'grouping'], message: 'grouping makes one SLO per label value; a Switchyard SLO has one SLI: drop grouping, or write one SLO per value with a matcher' });
    return null;
  }
  const selector = (part: 'errors' | 'success' | 'total', metric: string): MetricSelector | null => {
    const sel = parseSelector(metric);
    if (!sel?.name) issues.push({ path: [...base, key, part, 'metric'], message: `must be a metric selector like http_requests_total{job="api",code=~"5.."}, not ${JSON.stringify(metric)}` });
    return sel?.name ? sel : null;
  };
  const total = selector('total', spec.total.metric);
  const events = ind.ratio ? selector('errors', ind.ratio.errors.metric) : selector('success', ind.latency!.success.metric);
  if (!total || !events) return null;
  const rate = (metric: string) => `sum(rate(${metric.trim()}[${WINDOW_PLACEHOLDER}]))`;
  if (ind.ratio) return { key, total, indicator: { kind: 'ratio', bad: rate(ind.ratio.errors.metric), total: rate(spec.total.metric) } };
  const histogram = latencyShape(events, total);
  if (histogram) return { key, total, indicator: histogram };
  return { key, total, indicator: { kind: 'ratio', good: rate(ind.latency!.success.metric), total: rate(spec.total.metric) } };
}

/** The latency indicator when success/total are exactly `<h>_bucket{m…, le="x"}` / `<h>_count{m…}`. */
function latencyShape(success: MetricSelector, total: MetricSelector): z.input<typeof SloIndicator> | null {
  if (!success.name?.endsWith('_bucket')) return null;
  const histogram = success.name.slice(0, -'_bucket'.length);
  const le = success.matchers.filter((m) => m.label === 'le');
  if (le.length !== 1 || le[0]!.op !== '=' || total.name !== `${histogram}_count`) return null;
  const threshold = Number(le[0]!.value);
  // The generated queries write le as the number; only a bound written the same way selects the same series.
  if (!(threshold > 0) || !Number.isFinite(threshold) || String(threshold) !== le[0]!.value) return null;
  const key = (ms: LabelMatcher[]) => ms.map(formatMatcher).sort().join(',');
  const others = success.matchers.filter((m) => m.label !== 'le');
  if (key(others) !== key(total.matchers)) return null;
  return { kind: 'latency', histogram, threshold, matchers: others.map(formatMatcher) };
}

function serviceOf(labels: Record<string, string>, total: MetricSelector): string | null {
  const eq = (label: string) => total.matchers.find((m) => m.label === label && m.op === '=')?.value;
  return labels[`${PROPAGATED}service`] || labels.service || eq('service') || eq('job') || null;
}
