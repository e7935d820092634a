import type { SloWindow } from '../schemas/slo';

/**
 * Time windows of the SLO math: the alert windows and burn-rate factors (multi-window multi-burn-rate,
 * SRE Workbook ch. 5 as Sloth encodes it), the SLO window itself (rolling N days or the calendar month
 * in a time zone), and the step of the 30-day charts.
 *
 * Decisions (docs/slo.md, "Math"):
 * - The alert windows are the Workbook's fixed 5m/30m/1h/2h/6h/1d/3d for every SLO window; only the
 *   burn-rate factors scale with the period, by Sloth's getBurnRateFactor:
 *   factor = budget% × period_h / long_h (30d → 14.4/6/3/1, 28d → 13.44/5.6/2.8/0.933). So every SLO
 *   shares the same seven windows, and /slos costs one query per window whatever the number of SLOs.
 * - A calendar-month SLO uses 30 days for the factors (generated rules cannot change with the month);
 *   its SLI, budget and time to exhaustion use the actual month in its time zone.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export const ALERT_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
export type AlertWindow = (typeof ALERT_WINDOWS)[number];

export const ALERT_WINDOW_MS: Record<AlertWindow, number> = {
  '5m': 5 * MINUTE_MS,
  '30m': 30 * MINUTE_MS,
  '1h': HOUR_MS,
  '2h': 2 * HOUR_MS,
  '6h': 6 * HOUR_MS,
  '1d': DAY_MS,
  '3d': 3 * DAY_MS,
};

/**
 * The window whose burn rate is "the current burn" (tiles, time to exhaustion): 1h, the long window of
 * the fastest page row. 5m reacts to a single bad minute; 6h lags an incident by hours.
 */
export const CURRENT_BURN_WINDOW: AlertWindow = '1h';

export type Severity = 'page' | 'ticket';

interface RowSpec {
  severity: Severity;
  long: AlertWindow;
  short: AlertWindow;
  /** Share of the period's error budget that burning at the factor uses up within the long window. */
  budgetPercent: number;
  /** How long the condition must hold before Prometheus fires (kubernetes-mixin). */
  for: string;
}

/** The SRE Workbook table for a 30-day period (page 14.4× and 6×, ticket 3× and 1×). */
export const WORKBOOK_ROWS: readonly RowSpec[] = [
  { severity: 'page', long: '1h', short: '5m', budgetPercent: 2, for: '2m' },
  { severity: 'page', long: '6h', short: '30m', budgetPercent: 5, for: '15m' },
  { severity: 'ticket', long: '1d', short: '2h', budgetPercent: 10, for: '1h' },
  { severity: 'ticket', long: '3d', short: '6h', budgetPercent: 10, for: '3h' },
];

export interface BurnRateRow extends RowSpec {
  /** Burn-rate threshold: the alert needs both windows' burn above it. */
  factor: number;
}

/** Sloth's getBurnRateFactor: the burn that spends `budgetPercent` of the period's budget in `longMs`. */
export function burnRateFactor(budgetPercent: number, periodMs: number, longMs: number): number {
  return ((budgetPercent / 100) * (periodMs / HOUR_MS)) / (longMs / HOUR_MS);
}

/** The period the burn-rate factors are scaled to: N days, or 30 days for a calendar month. */
export function nominalPeriodMs(window: SloWindow): number {
  return window.kind === 'rolling' ? window.days * DAY_MS : 30 * DAY_MS;
}

/** The four alert rows with their factors for this SLO window. */
export function burnRateRows(window: SloWindow): BurnRateRow[] {
  const period = nominalPeriodMs(window);
  return WORKBOOK_ROWS.map((r) => ({ ...r, factor: burnRateFactor(r.budgetPercent, period, ALERT_WINDOW_MS[r.long]) }));
}

// ---- calendar months ----

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone; callers report it against the SLO.
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone (IANA names such as "Europe/Berlin", or "UTC"). */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Months since year 0 of the local calendar date of `ms` in the zone: one comparable number. */
function localMonthIndex(ms: number, timeZone: string): number {
  let year = 0;
  let month = 0;
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) {
    if (p.type === 'year') year = Number(p.value);
    else if (p.type === 'month') month = Number(p.value);
  }
  return year * 12 + (month - 1);
}

/**
 * The first instant whose local date lies in the month `index` (year × 12 + month − 1). Found by binary
 * search over the instant instead of offset arithmetic, so zones whose midnight does not exist on the
 * 1st (DST starting at 00:00) or whose offset is not whole hours come out right without special cases.
 */
function firstInstantOfMonth(index: number, timeZone: string): number {
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const utcMidnight = Date.UTC(year, month, 1);
  // UTC offsets lie within −12 h and +14 h: local midnight of the 1st is in this range.
  let lo = utcMidnight - 15 * HOUR_MS; // local date still in the previous month
  let hi = utcMidnight + 13 * HOUR_MS; // local date already in this month
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localMonthIndex(mid, timeZone) >= index) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The calendar month containing `ms` in the zone: [startMs, endMs), end = the next month's start. */
export function calendarMonth(ms: number, timeZone: string): { startMs: number; endMs: number } {
  const index = localMonthIndex(ms, timeZone);
  return { startMs: firstInstantOfMonth(index, timeZone), endMs: firstInstantOfMonth(index + 1, timeZone) };
}

export interface SloWindowRange {
  /** The events counted at `endMs`: (startMs, endMs]. */
  startMs: number;
  endMs: number;
  /** The whole period: N days, or the length of the current month (which DST may shorten by an hour). */
  periodMs: number;
}

/** The SLO window at time t: the last N days, or the current month up to t. */
export function sloWindowAt(window: SloWindow, tMs: number): SloWindowRange {
  if (window.kind === 'rolling') return { startMs: tMs - window.days * DAY_MS, endMs: tMs, periodMs: window.days * DAY_MS };
  const m = calendarMonth(tMs, window.timeZone);
  return { startMs: m.startMs, endMs: tMs, periodMs: m.endMs - m.startMs };
}

// ---- charts ----

const NICE_STEPS_MS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE_MS);

/** At most this many intervals per chart series: 30 days at 1 h = 720, a 31-day month 744 (< 1,100). */
export const MAX_CHART_INTERVALS = 1000;

/** The smallest round step that keeps `rangeMs` within MAX_CHART_INTERVALS. */
export function chartStepMs(rangeMs: number): number {
  const want = rangeMs / MAX_CHART_INTERVALS;
  return NICE_STEPS_MS.find((s) => s >= want) ?? Math.ceil(want / DAY_MS) * DAY_MS;
}

/**
 * The burn-rate chart's windows at a step: every alert window at least one step long. A shorter window
 * would only sample the step (a 5m burn read once an hour shows 1/12 of what happened) while a window
 * ≥ the step covers it.
 */
export function chartBurnWindows(stepMs: number): AlertWindow[] {
  return ALERT_WINDOWS.filter((w) => ALERT_WINDOW_MS[w] >= stepMs);
}

/**
 * The resolution of the data-coverage count: about a day for 28–31 days, 6 h for 7 days (at most 32
 * steps). Coverage evaluates every SLO's total at every step over the whole window, and Prometheus
 * pays per step and SLO (100 ratio SLOs at hourly steps over 30 days took 9 s); a day is fine enough
 * to say "10 of the 30 days have data", while shorter gaps show in the charts.
 */
export function coverageStepMs(periodMs: number): number {
  const want = periodMs / 32;
  return NICE_STEPS_MS.find((s) => s >= want) ?? Math.ceil(want / DAY_MS) * DAY_MS;
}
