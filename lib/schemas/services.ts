import { z } from 'zod';
import { SourceError } from './errors';

/** Traffic-light health derived from RED numbers (see lib/health.ts for the thresholds). */
export const Health = z.enum(['healthy', 'warning', 'critical', 'idle', 'unknown']);
export type Health = z.infer<typeof Health>;

/**
 * RED numbers for a service or an edge over a window. Rates are per second, ratios in [0, 1],
 * latencies in seconds. null = no data (not zero): a service with no traffic has rps 0 but
 * errorRatio and latencies null.
 */
export const RedStats = z.object({
  rps: z.number().nullable(),
  errorRatio: z.number().nullable(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
});
export type RedStats = z.infer<typeof RedStats>;

export const ServiceSummary = RedStats.extend({
  name: z.string(),
  /** Instances known to the registry, or (when the registry does not list it) seen as scrape targets. */
  instances: z.number().int().nonnegative(),
  inRegistry: z.boolean(),
  inMetrics: z.boolean(),
  health: Health,
});
export type ServiceSummary = z.infer<typeof ServiceSummary>;

/** The evaluated window: stats are averages over [startMs, endMs]. */
export const StatsWindow = z.object({
  startMs: z.number(),
  endMs: z.number(),
});
export type StatsWindow = z.infer<typeof StatsWindow>;

export const ServicesResponse = z.object({
  services: z.array(ServiceSummary),
  window: StatsWindow,
  errors: z.array(SourceError),
});
export type ServicesResponse = z.infer<typeof ServicesResponse>;

export const Instance = z.object({
  id: z.string(),
  address: z.string(), // host:port
  metadata: z.record(z.string(), z.string()),
  /** Scrape health when Prometheus knows the target; null when it does not. */
  up: z.boolean().nullable(),
});
export type Instance = z.infer<typeof Instance>;

/** One side of an edge seen from a service: its caller or its callee, with the edge's RED numbers. */
export const EdgePeer = RedStats.extend({
  service: z.string(),
});
export type EdgePeer = z.infer<typeof EdgePeer>;

export const ServiceDetailResponse = z.object({
  service: ServiceSummary,
  instances: z.array(Instance),
  callers: z.array(EdgePeer),
  callees: z.array(EdgePeer),
  window: StatsWindow,
  errors: z.array(SourceError),
});
export type ServiceDetailResponse = z.infer<typeof ServiceDetailResponse>;

/** [unix ms, value | null]; null is a gap (no data), never a zero. */
export const Point = z.tuple([z.number(), z.number().nullable()]);
export type Point = z.infer<typeof Point>;

export const NamedSeries = z.object({ name: z.string(), points: z.array(Point) });
export type NamedSeries = z.infer<typeof NamedSeries>;

/** RED range data on one step grid: what a set of RED charts draws, for a service or an edge. */
export const RedSeries = z.object({
  startMs: z.number(),
  endMs: z.number(),
  stepMs: z.number(),
  rate: z.array(NamedSeries), // req/s, one series "total"
  errorRatio: z.array(NamedSeries), // one series "errors"
  latency: z.array(NamedSeries), // "p50", "p95", "p99" in seconds
  errors: z.array(SourceError),
});
export type RedSeries = z.infer<typeof RedSeries>;

/** Range data behind the RED charts of one service. */
export const RedSeriesResponse = RedSeries.extend({ service: z.string() });
export type RedSeriesResponse = z.infer<typeof RedSeriesResponse>;

/** Range data of the calls from `source` (null: every caller) to `target`, as the callers measured them. */
export const EdgeRedSeriesResponse = RedSeries.extend({ source: z.string().nullable(), target: z.string() });
export type EdgeRedSeriesResponse = z.infer<typeof EdgeRedSeriesResponse>;
