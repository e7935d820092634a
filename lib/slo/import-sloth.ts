import { z } from 'zod';
import { WINDOW_PLACEHOLDER } from '../schemas/slo';
import { type ImportResult, type SloDraft, type SpecIssue, type SpecPath, zodIssues } from './spec-types';
import { percentToRatio, slugify } from './spec-values';

/**
 * Sloth `version: "prometheus/v1"` (one service, many SLOs). Mapping (docs/slo.md):
 * - id = slug(<service>-<name>), name = slos[].name, labels = labels merged with slos[].labels;
 * - objective (percent) → ratio; window = Sloth's default period, 30 days (the spec has no period);
 * - sli.events → ratio indicator, bad = error_query, total = total_query (both need {{.window}});
 * - sli.raw is refused: an error ratio cannot be split back into bad and total events, and every number
 *   here (budget over the window, burn over several windows, recording rules) is built from event counts;
 * - sli.plugin is refused: plugins are Go code inside Sloth;
 * - alerting.name/labels/annotations → alerting; page_alert / ticket_alert: disable → page/ticket false,
 *   their labels and annotations → alerting.bySeverity.
 */

/** Sloth label values are strings; YAML makes `tier: 2` a number, which Sloth users expect to work. */
const LabelMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));

const AlertSeverity = z.object({
  disable: z.boolean().optional(),
  labels: LabelMap.optional(),
  annotations: LabelMap.optional(),
});

const SlothSlo = z.object({
  name: z.string().min(1),
  objective: z.number().gt(0, 'must be a percent above 0').lt(100, 'must be below 100 (an objective of 100 % leaves no error budget)'),
  description: z.string().optional(),
  labels: LabelMap.optional(),
  sli: z.object({
    events: z.object({ error_query: z.string().min(1), total_query: z.string().min(1) }).optional(),
    raw: z.object({ error_ratio_query: z.string().min(1) }).optional(),
    plugin: z.unknown().optional(),
  }),
  alerting: z
    .object({
      name: z.string().optional(),
      labels: LabelMap.optional(),
      annotations: LabelMap.optional(),
      page_alert: AlertSeverity.optional(),
      ticket_alert: AlertSeverity.optional(),
    })
    .optional(),
});

const SlothFile = z.object({
  version: z.literal('prometheus/v1'),
  service: z.string().min(1),
  labels: LabelMap.optional(),
  slos: z.array(z.unknown()).min(1, 'a Sloth spec needs at least one SLO'),
});

/** Sloth's default SLO period (its --default-slo-period flag). */
export const SLOTH_PERIOD_DAYS = 30;

export function importSloth(doc: unknown): ImportResult {
  const file = SlothFile.safeParse(doc);
  if (!file.success) return { drafts: [], issues: zodIssues(file.error, []) };
  const { service, labels = {}, slos } = file.data;
  const issues: SpecIssue[] = [];
  const drafts = slos.flatMap((raw, i) => {
    const at = ['slos', i];
    const parsed = SlothSlo.safeParse(raw);
    if (!parsed.success) {
      issues.push(...zodIssues(parsed.error, at));
      return [];
    }
    const draft = toDraft(parsed.data, service, labels, at, issues);
    return draft ? [draft] : [];
  });
  return { drafts, issues };
}

function toDraft(s: z.infer<typeof SlothSlo>, service: string, fileLabels: Record<string, string>, at: SpecPath, issues: SpecIssue[]): SloDraft | null {
  const sli = [...at, 'sli'];
  if (s.sli.plugin !== undefined) {
    issues.push({ path: [...sli, 'plugin'], message: 'Sloth SLI plugins are Go code that runs inside Sloth; write the SLI as sli.events (error_query and total_query)' });
    return null;
  }
  if (s.sli.raw) {
    issues.push({
      path: [...sli, 'raw'],
      message: 'sli.raw gives only an error ratio, which cannot be split back into bad and total events; Switchyard computes every window from event counts, so write it as sli.events with error_query and total_query',
    });
    return null;
  }
  if (!s.sli.events) {
    issues.push({ path: sli, message: 'sli needs events (error_query and total_query)' });
    return null;
  }
  const events = [...sli, 'events'];
  let ok = true;
  for (const key of ['error_query', 'total_query'] as const) {
    if (!s.sli.events[key].includes(WINDOW_PLACEHOLDER)) {
      issues.push({ path: [...events, key], message: `must contain the window placeholder ${WINDOW_PLACEHOLDER} (e.g. rate(x[${WINDOW_PLACEHOLDER}])), as Sloth requires` });
      ok = false;
    }
  }
  if (!ok) return null;
  const a = s.alerting;
  const severity = (x: z.infer<typeof AlertSeverity> | undefined) => ({ labels: x?.labels ?? {}, annotations: x?.annotations ?? {} });
  return {
    at,
    from: {
      id: [...at, 'name'],
      service: ['service'],
      labels: s.labels ? [...at, 'labels'] : ['labels'],
      indicator: events,
      window: ['version'],
    },
    slo: {
      id: slugify(`${service}-${s.name}`),
      name: s.name,
      description: s.description ?? '',
      service,
      labels: { ...fileLabels, ...s.labels },
      objective: percentToRatio(s.objective),
      window: { kind: 'rolling', days: SLOTH_PERIOD_DAYS },
      indicator: { kind: 'ratio', bad: s.sli.events.error_query.trim(), total: s.sli.events.total_query.trim() },
      alerting: {
        page: a?.page_alert?.disable !== true,
        ticket: a?.ticket_alert?.disable !== true,
        labels: a?.labels ?? {},
        annotations: a?.annotations ?? {},
        ...(a?.name ? { name: a.name } : {}),
        ...(a?.page_alert || a?.ticket_alert ? { bySeverity: { page: severity(a.page_alert), ticket: severity(a.ticket_alert) } } : {}),
      },
    },
  };
}
