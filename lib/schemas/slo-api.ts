import { z } from 'zod';
import { SourceError } from './errors';
import { Point } from './services';
import { Slo, SloId, SpecProblem } from './slo';
import { AlertWindowName, SloStatus } from './slo-status';
import { TimePoint } from './time';

/**
 * Parameters and answers of the SLO endpoints (docs/api.md, "SLOs"). The numbers themselves are
 * SloStatus / SloBudgetSeries / SloBurnSeries (slo-status.ts); this file adds what the pages need
 * around them: the spec, the spec problems, the sparklines and the budget attribution.
 */

/** Every SLO endpoint evaluates at one time `at` (default now; "now-1h", unix ms or ISO like from/to). */
export const SloAtParams = z.object({ at: TimePoint.default('now') });
export type SloAtParams = z.infer<typeof SloAtParams>;

const Service = z
  .string()
  .min(1, 'must not be empty')
  .max(253, 'must be at most 253 characters')
  .refine((v) => ![...v].some((ch) => ch.charCodeAt(0) < 0x20), 'must not contain control characters');

export const SloListParams = SloAtParams.extend({
  /** Only the SLOs of this service (the service page); the /slos page filters in the browser. */
  service: Service.optional(),
  /** false: skip the budget sparklines (one range query per distinct SLO window). */
  sparklines: z.enum(['true', 'false'], { error: 'must be true or false' }).default('true'),
});
export type SloListParams = z.infer<typeof SloListParams>;

/** The burn-rate chart: from `from` (default: the start of the SLO window) to `at`. */
export const SloBurnParams = SloAtParams.extend({ from: TimePoint.optional() });
export type SloBurnParams = z.infer<typeof SloBurnParams>;

/** Attribution over the SLO window ("slo", the default) or one of the alert windows. */
export const AttributionWindow = z.union([z.literal('slo'), AlertWindowName]);
export type AttributionWindow = z.infer<typeof AttributionWindow>;
export const SloAttributionParams = SloAtParams.extend({ window: AttributionWindow.default('slo') });
export type SloAttributionParams = z.infer<typeof SloAttributionParams>;

/** The {id} path segment: an SLO id as the spec model defines it (anything else is a 400, not a 404). */
export const SloIdParam = SloId;

export const SloListResponse = z.object({
  atMs: z.number(),
  slos: z.array(SloStatus),
  /**
   * A compact budget-remaining series per SLO id over its window (about 30 points, the last one the
   * tile's number); absent ids had no data or a failed query. Approximate between the ends: see
   * server/slo/sparklines.ts.
   */
  sparklines: z.record(z.string(), z.array(Point)),
  /** Specs that did not load (file, field, reason); the others still show. */
  problems: z.array(SpecProblem),
  /** The configured slo.paths, for the empty state ("add specs to …"). */
  paths: z.array(z.string()),
  /** The spec files read. */
  files: z.array(z.string()),
  errors: z.array(SourceError),
});
export type SloListResponse = z.infer<typeof SloListResponse>;

export const SloDetailResponse = z.object({
  atMs: z.number(),
  status: SloStatus,
  /** The spec as loaded (normalised into the internal model), with its source file and format. */
  spec: Slo,
  /** The same spec as YAML, for reading. */
  specYaml: z.string(),
  errors: z.array(SourceError),
});
export type SloDetailResponse = z.infer<typeof SloDetailResponse>;

export const DependencyShare = z.object({
  /** The called service (the edge's server label). */
  service: z.string(),
  /** Calls from the SLO's service to it over the window, and how many of them failed (client side). */
  calls: z.number(),
  failed: z.number(),
  /** failed / the service's failed requests (scaled when they sum above 1); null when nothing failed. */
  share: z.number().nullable(),
});
export type DependencyShare = z.infer<typeof DependencyShare>;

export const SloAttribution = z.object({
  id: z.string(),
  service: z.string(),
  window: AttributionWindow,
  startMs: z.number(),
  endMs: z.number(),
  /** The service's requests and failed requests over the window (server side); null: no server metrics. */
  serviceRequests: z.number().nullable(),
  serviceFailed: z.number().nullable(),
  /** Every callee with calls in the window, most failed calls first. */
  dependencies: z.array(DependencyShare),
  /** The share left to the service itself (1 − Σ shares); null when the service failed nothing. */
  itself: z.number().nullable(),
  /**
   * The callees' failed calls outnumber the service's failed requests (retries, fallbacks): the shares
   * are each callee's part of all failed calls instead, and `itself` is 0.
   */
  scaled: z.boolean(),
  errors: z.array(SourceError),
});
export type SloAttribution = z.infer<typeof SloAttribution>;
