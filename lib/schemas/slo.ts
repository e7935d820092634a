import { z } from 'zod';

/**
 * The internal SLO model every spec format (ours, OpenSLO v1, Sloth prometheus/v1, Pyrra
 * ServiceLevelObjective) is normalised into. The math (server/slo/) and the rule generator
 * (lib/slo/rules*) read only this, so a fourth format is one more importer, nothing else.
 *
 * Decisions (see docs/slo.md):
 * - Every SLI is event-based ("Occurrences"): SLI(W) = good(W) / total(W) over a window W, computed
 *   from counters with increase()/rate() so the ratio is exact over W whatever the scrape interval.
 *   Sloth averages 5m ratios over the period instead; that weights quiet hours like busy ones, so we
 *   don't, and our recording rules use the same formula as the live numbers (they must agree).
 * - Queries carry the window as the placeholder `{{.window}}` (Sloth's), e.g.
 *   `sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))`. Importers rewrite other spellings.
 * - `objective` is a ratio in (0, 1): 99.9 % is 0.999.
 */

export const WINDOW_PLACEHOLDER = '{{.window}}';

/** Lower-case slug, unique across all loaded SLOs; used in URLs (/slos/<id>) and rule labels. */
export const SloId = z
  .string()
  .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be lower-case letters, digits and dashes (RFC 1123, ≤ 63)');
export type SloId = z.infer<typeof SloId>;

/** A PromQL expression that must contain the window placeholder (it is evaluated per window). */
export const WindowedQuery = z
  .string()
  .min(1)
  .refine((q) => q.includes(WINDOW_PLACEHOLDER), { message: `must contain the window placeholder ${WINDOW_PLACEHOLDER}` });

export const SloWindow = z.discriminatedUnion('kind', [
  /** The last N days, sliding (7d, 28d, 30d are the usual choices). */
  z.object({ kind: z.literal('rolling'), days: z.number().int().min(1).max(400) }),
  /** The current calendar month in a time zone (budget resets on the 1st). */
  z.object({ kind: z.literal('calendar-month'), timeZone: z.string().min(1).default('UTC') }),
]);
export type SloWindow = z.infer<typeof SloWindow>;

const LabelName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a Prometheus label name');

export const SloIndicator = z.discriminatedUnion('kind', [
  /**
   * Good/total events from any PromQL. Exactly one of `good` and `bad` (bad = total − good); both
   * return the event rate or count over `{{.window}}` as a single series (aggregate with sum()).
   */
  z
    .object({
      kind: z.literal('ratio'),
      good: WindowedQuery.optional(),
      bad: WindowedQuery.optional(),
      total: WindowedQuery,
    })
    .refine((s) => (s.good === undefined) !== (s.bad === undefined), { message: 'exactly one of good and bad is required', path: ['good'] }),
  /** Requests faster than a threshold, from a Prometheus histogram (`<metric>_bucket` with `le`). */
  z.object({
    kind: z.literal('latency'),
    /** The histogram's base name (without _bucket/_count), e.g. http_server_request_duration_seconds. */
    histogram: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/),
    /** Must equal one of the histogram's bucket bounds (`le`), in the histogram's unit. */
    threshold: z.number().positive(),
    /** Label matchers narrowing the series, e.g. ['service_name="checkout"']. */
    matchers: z.array(z.string()).default([]),
  }),
  /** Availability of the service's server side from the configured metric profile (non-error / all requests). */
  z.object({ kind: z.literal('service-availability') }),
  /** Availability of the calls from `source` to the SLO's service, from the profile's edge metrics. */
  z.object({ kind: z.literal('edge-availability'), source: z.string().min(1) }),
]);
export type SloIndicator = z.infer<typeof SloIndicator>;

export const SpecFormat = z.enum(['switchyard', 'openslo', 'sloth', 'pyrra']);
export type SpecFormat = z.infer<typeof SpecFormat>;

export const SloAlerting = z.object({
  /** Generate the page rows (14.4× over 1h/5m, 6× over 6h/30m, scaled to the window). */
  page: z.boolean().default(true),
  /** Generate the ticket rows (3× over 1d/2h, 1× over 3d/6h, scaled to the window). */
  ticket: z.boolean().default(true),
  labels: z.record(LabelName, z.string()).default({}),
  annotations: z.record(LabelName, z.string()).default({}),
  /** Name of the generated alerting rules (Sloth's alerting.name, Pyrra's alerting.name); absent: the generator's default. */
  name: z.string().regex(/^[a-zA-Z_:][a-zA-Z0-9_:]*$/, 'must be a Prometheus metric-style name').optional(),
  /** Labels/annotations for one severity only, merged over the common ones (Sloth's page_alert / ticket_alert). */
  bySeverity: z
    .object({
      page: z.object({ labels: z.record(LabelName, z.string()).default({}), annotations: z.record(LabelName, z.string()).default({}) }).prefault({}),
      ticket: z.object({ labels: z.record(LabelName, z.string()).default({}), annotations: z.record(LabelName, z.string()).default({}) }).prefault({}),
    })
    .optional(),
});
export type SloAlerting = z.infer<typeof SloAlerting>;

export const Slo = z.object({
  id: SloId,
  /** Human name, e.g. "Checkout availability". */
  name: z.string().min(1).max(200),
  description: z.string().max(2000).default(''),
  /** The service the SLO belongs to (a registry / metric service name). */
  service: z.string().min(1).max(253),
  /** Free labels, e.g. team, tier; filterable in /slos and copied onto generated rules. */
  labels: z.record(LabelName, z.string()).default({}),
  objective: z.number().gt(0).lt(1),
  window: SloWindow,
  indicator: SloIndicator,
  alerting: SloAlerting.prefault({}),
  /** Where the spec came from: shown next to validation errors and in the UI. */
  source: z.object({ format: SpecFormat, file: z.string(), index: z.number().int().nonnegative().default(0) }),
});
export type Slo = z.infer<typeof Slo>;

/** A spec that failed to load: the file, the field path and the reason; the other SLOs still load. */
export const SpecProblem = z.object({
  file: z.string(),
  /** Dotted path inside the document, e.g. "slos[0].objective"; "" for the whole file. */
  field: z.string(),
  message: z.string(),
  /** 1-based line of the field (or of its nearest parent present in the file), when known. */
  line: z.number().int().positive().optional(),
});
export type SpecProblem = z.infer<typeof SpecProblem>;
