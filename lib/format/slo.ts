import { NO_DATA, significant } from './units';

/**
 * SLO numbers as people read them. Objectives and SLIs live just under 100 %, where formatRatio's
 * three digits would print 99.9 % and 99.95 % both as "100 %"; burn rates are multiples of the budget
 * rate; time to exhaustion is a span in days and hours.
 */

/**
 * A ratio close to 1 with enough decimals to show its distance from 100 %: two significant digits of
 * the gap (0.999 → "99.9 %", 0.99987 → "99.987 %", 0.97 → "97 %"), at most four decimals; a value
 * that would round up to 100 % while below it reads "> 99.9999 %".
 */
export function formatPercentPrecise(ratio: number | null | undefined): string {
  if (typeof ratio !== 'number' || !Number.isFinite(ratio)) return NO_DATA;
  if (ratio >= 1) return '100 %';
  const gapPct = (1 - ratio) * 100;
  const decimals = Math.min(4, Math.max(1, 1 - Math.floor(Math.log10(gapPct))));
  const text = (ratio * 100).toFixed(decimals);
  if (Number(text) >= 100) return '> 99.9999 %';
  return `${text.includes('.') ? text.replace(/\.?0+$/, '') : text} %`;
}

/** A burn rate: "0 ×", "0.42 ×", "14.4 ×", "120 ×". */
export function formatBurn(burn: number | null | undefined): string {
  if (typeof burn !== 'number' || !Number.isFinite(burn)) return NO_DATA;
  if (burn === 0) return '0\u00d7';
  if (Math.abs(burn) < 0.01) return '< 0.01\u00d7';
  return `${significant(burn)}\u00d7`;
}

const MIN_MS = 60_000;
const HOUR_MS = 60 * MIN_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * A time span in its two largest units: "3 d 4 h", "5 h 12 min", "42 min", "< 1 min"; whole units
 * drop the zero ("2 d"). Rounded down: "runs out in 3 d 4 h" must not promise more than it has.
 */
export function formatSpan(ms: number | null | undefined): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return NO_DATA;
  if (ms < MIN_MS) return '< 1 min';
  const d = Math.floor(ms / DAY_MS);
  const h = Math.floor((ms % DAY_MS) / HOUR_MS);
  const m = Math.floor((ms % HOUR_MS) / MIN_MS);
  if (d >= 100) return `${d} d`;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/** The tile's time to exhaustion: "exhausted" at 0, "—" when nothing burns or no data, else the span. */
export function formatExhaustion(ms: number | null | undefined): string {
  if (ms === 0) return 'exhausted';
  return formatSpan(ms);
}

/** The SLO window in words: "30 days", "calendar month (Europe/Berlin)". */
export function formatSloWindow(w: { kind: 'rolling'; days: number } | { kind: 'calendar-month'; timeZone: string }): string {
  if (w.kind === 'rolling') return w.days === 1 ? '1 day' : `${w.days} days`;
  return `calendar month (${w.timeZone})`;
}
