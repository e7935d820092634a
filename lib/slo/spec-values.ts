/** Value conversions shared by the spec importers: objectives, ids, label names, window lengths. */

/**
 * 99.9 (percent) → 0.999. Plain division gives 0.9990000000000001; rounding to 15 significant digits
 * (what a double always holds exactly in decimal) gives back the number the author wrote.
 */
export function percentToRatio(percent: number): number {
  return Number((percent / 100).toPrecision(15));
}

/** An SLO id from free text: lower-case letters, digits and dashes, at most 63 characters. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

/** A Prometheus label name from a metadata key (`app.kubernetes.io/team` → `app_kubernetes_io_team`). */
export function sanitizeLabelName(key: string): string {
  const s = key.replace(/[^a-zA-Z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const UNIT_S: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };

/**
 * Whole days of a Prometheus duration (`28d`, `4w`, `1w3d`, `672h`), or an error message. SLO windows
 * are whole days in our model: the rules and charts step by days.
 */
export function promDurationDays(text: string): number | string {
  const trimmed = text.trim();
  if (!/^(\d+(ms|[smhdwy]))+$/.test(trimmed)) return `"${text}" is not a duration like 28d, 4w or 30d`;
  let seconds = 0;
  for (const m of trimmed.matchAll(/(\d+)(ms|[smhdwy])/g)) seconds += Number(m[1]) * UNIT_S[m[2]!]!;
  if (seconds % 86_400 !== 0 || seconds === 0) return `"${text}" is not a whole number of days`;
  return seconds / 86_400;
}

/** A window in days checked against the model's range (1–400 days). */
export function checkedDays(days: number | string): number | string {
  if (typeof days === 'string') return days;
  if (days < 1 || days > 400) return `a window of ${days} days is outside 1–400 days`;
  return days;
}
