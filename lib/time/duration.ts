/** Durations as written in URLs and configs: "30s", "5m", "1h", "7d", "2w" (one unit, integer). */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;
const DURATION = /^(\d{1,9})(s|m|h|d|w)$/;

export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text);
  if (!m) return null;
  return Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
}

/** The largest whole unit that divides ms exactly, so PromQL range selectors stay readable. */
export function formatPromDuration(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  for (const [unit, size] of [['w', 604_800], ['d', 86_400], ['h', 3_600], ['m', 60]] as const) {
    if (s % size === 0) return `${s / size}${unit}`;
  }
  return `${s}s`;
}
