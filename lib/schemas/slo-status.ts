import { z } from 'zod';
import { SourceError } from './errors';
import { Point } from './services';
import { SloWindow } from './slo';

/**
 * The live state of SLOs at a time t (server/slo/compute.ts); formulas in docs/slo.md, "Math".
 * Ratios are in [0, 1]; null always means "no data" (no events, or no series), never 0 or 100 %.
 */
export const AlertWindowName = z.enum(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
export type AlertWindowName = z.infer<typeof AlertWindowName>;

export const Severity = z.enum(['page', 'ticket']);

/** One multi-window multi-burn-rate row: firing when both windows burn above `factor`. */
export const BurnRateRowStatus = z.object({
  severity: Severity,
  longWindow: AlertWindowName,
  shortWindow: AlertWindowName,
  /** Burn-rate threshold, scaled to the SLO window (14.4 for the 1h/5m page row of a 30-day SLO). */
  factor: z.number(),
  /** factor × (1 − objective): the same threshold on the error ratio. */
  errorRatioThreshold: z.number(),
  /** The `for:` of the generated alert. */
  for: z.string(),
  longBurn: z.number().nullable(),
  shortBurn: z.number().nullable(),
  /** Whether the SLO's spec asks for this severity (alerting.page / alerting.ticket). */
  enabled: z.boolean(),
  /** Both windows above the threshold now (Prometheus fires after the condition held for `for`). */
  firing: z.boolean(),
});
export type BurnRateRowStatus = z.infer<typeof BurnRateRowStatus>;

export const SloAlertState = z.enum(['page', 'ticket', 'ok', 'no-data']);
export type SloAlertState = z.infer<typeof SloAlertState>;

export const SloStatus = z.object({
  id: z.string(),
  name: z.string(),
  service: z.string(),
  labels: z.record(z.string(), z.string()),
  objective: z.number(),
  window: SloWindow,
  /** The SLO window evaluated: events in (windowStartMs, windowEndMs]. */
  windowStartMs: z.number(),
  windowEndMs: z.number(),
  /** The whole period (N days, or this calendar month's length): the budget's time base. */
  periodMs: z.number(),
  /** good / total over the window. */
  sli: z.number().nullable(),
  /** bad / total over the window (1 − sli). */
  errorRatio: z.number().nullable(),
  /** 1 − errorRatio / (1 − objective); negative once the budget is overspent. */
  budgetRemaining: z.number().nullable(),
  /** Burn over the whole window so far: errorRatio / (1 − objective). */
  periodBurn: z.number().nullable(),
  /** Burn rate over each alert window: error ratio over the window / (1 − objective). */
  burnRates: z.record(AlertWindowName, z.number().nullable()),
  /** The burn rate over currentBurnWindow (1h): what time to exhaustion assumes continues. */
  currentBurn: z.number().nullable(),
  currentBurnWindow: AlertWindowName,
  /**
   * budgetRemaining × periodMs / currentBurn: when the budget runs out if the current burn continues.
   * 0 when already exhausted; null without data or when nothing burns (currentBurn 0).
   */
  timeToExhaustionMs: z.number().nullable(),
  alerts: z.array(BurnRateRowStatus),
  /** The most severe enabled row firing; no-data when the window has no events. */
  alertState: SloAlertState,
  /**
   * Share of the window with data, in steps of about a day for 28–31 days (6 h for 7 days) ending at
   * windowEndMs: 1 when every step had samples, 1/3 for a 30-day SLO whose metrics exist for 10 days.
   * null if not known.
   */
  coverage: z.number().min(0).max(1).nullable(),
  /** Per-SLO problems (a query Prometheus rejected, an unknown time zone); the others still compute. */
  problems: z.array(z.string()),
  /**
   * Where the SLI and burn rates came from: the generated recording rules' series in Prometheus
   * (`recorded`, their last evaluation at or before windowEndMs) or the raw counters (`raw`). Coverage
   * always comes from the raw counters. Absent in responses from before the field existed.
   */
  source: z.enum(['recorded', 'raw']).optional(),
});
export type SloStatus = z.infer<typeof SloStatus>;

export const SloStatusResponse = z.object({
  atMs: z.number(),
  slos: z.array(SloStatus),
  errors: z.array(SourceError),
});
export type SloStatusResponse = z.infer<typeof SloStatusResponse>;

/** The error-budget chart: budget remaining at each step of the window (same formula as the tile). */
export const SloBudgetSeries = z.object({
  id: z.string(),
  startMs: z.number(),
  endMs: z.number(),
  stepMs: z.number(),
  points: z.array(Point),
  errors: z.array(SourceError),
});
export type SloBudgetSeries = z.infer<typeof SloBudgetSeries>;

/** The burn-rate chart: burn over each window on a step grid, and the alert rows' thresholds. */
export const SloBurnSeries = z.object({
  id: z.string(),
  startMs: z.number(),
  endMs: z.number(),
  stepMs: z.number(),
  series: z.array(z.object({ window: AlertWindowName, points: z.array(Point) })),
  thresholds: z.array(z.object({ severity: Severity, longWindow: AlertWindowName, shortWindow: AlertWindowName, factor: z.number() })),
  errors: z.array(SourceError),
});
export type SloBurnSeries = z.infer<typeof SloBurnSeries>;
