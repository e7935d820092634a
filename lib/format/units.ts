/**
 * Human-readable numbers with units for tables, stat tiles and chart axes. Every formatter takes
 * `null` for "no data" and prints an em dash: a missing number must never look like a zero.
 * Precision is about three significant digits: enough to compare rows, short enough to scan.
 */

/** What every formatter prints for null (no data), NaN or ±Infinity. */
export const NO_DATA = '\u2014';

const MICRO = '\u00b5';

/** Up to three significant digits, trailing zeros dropped ("12.30" → "12.3", "0.0500" → "0.05"). */
export function significant(v: number, digits = 3): string {
  if (v === 0) return '0';
  const abs = Math.abs(v);
  // toFixed keeps integers like 123 or 1234 whole; toPrecision would switch to exponent notation.
  const decimals = Math.max(0, digits - 1 - Math.floor(Math.log10(abs)));
  return trimZeros(v.toFixed(Math.min(decimals, 20)));
}

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

const isNumber = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);

/** 1234 → "1.23k", 999 → "999", 2_500_000 → "2.5M"; rounds up into the next unit at the boundary. */
function compact(v: number): string {
  const abs = Math.abs(v);
  for (const [size, suffix] of [[1e9, 'G'], [1e6, 'M'], [1e3, 'k']] as const) {
    // 999.7 rounds to "1000" at three digits, which reads better as "1k".
    if (abs >= size * 0.9995) return `${significant(v / size)}${suffix}`;
  }
  return significant(v);
}

/** Requests per second: "12.3 req/s", "0.05 req/s", "1.2k req/s", "< 0.01 req/s", "0 req/s". */
export function formatRate(rps: number | null | undefined, unit = 'req/s'): string {
  if (!isNumber(rps)) return NO_DATA;
  if (rps === 0) return `0 ${unit}`;
  if (Math.abs(rps) < 0.01) return `< 0.01 ${unit}`;
  return `${compact(rps)} ${unit}`;
}

/**
 * A ratio in [0, 1] as a percentage: "0.52 %", "12.5 %", "100 %", "0 %", and "< 0.01 %" for tiny but
 * non-zero ratios (one failure in a million must not round to a reassuring "0 %").
 */
export function formatRatio(ratio: number | null | undefined): string {
  if (!isNumber(ratio)) return NO_DATA;
  const pct = ratio * 100;
  if (pct === 0) return '0 %';
  if (Math.abs(pct) < 0.01) return '< 0.01 %';
  // At most two decimals: "0.523 %" is noise next to "12.5 %".
  const decimals = Math.min(2, Math.max(0, 2 - Math.floor(Math.log10(Math.abs(pct)))));
  return `${trimZeros(pct.toFixed(decimals))} %`;
}

/** A duration in seconds: "850 µs", "12.3 ms", "1.25 s", "2.5 min". */
export function formatLatency(seconds: number | null | undefined): string {
  if (!isNumber(seconds)) return NO_DATA;
  const abs = Math.abs(seconds);
  if (abs === 0) return '0 ms';
  if (abs < 1e-6) return `< 1 ${MICRO}s`;
  // Thresholds sit just below the next unit so 999.8 ms prints as "1 s", not "1000 ms".
  if (abs < 0.9995e-3) return `${significant(seconds * 1e6)} ${MICRO}s`;
  if (abs < 0.9995) return `${significant(seconds * 1e3)} ms`;
  if (abs < 59.95) return `${significant(seconds)} s`;
  if (abs < 3600 * 0.9995) return `${significant(seconds / 60)} min`;
  return `${significant(seconds / 3600)} h`;
}

/** A count of things: "7", "1.2k", "3.4M". Fractions (averages) keep three digits. */
export function formatCount(n: number | null | undefined): string {
  if (!isNumber(n)) return NO_DATA;
  if (Number.isInteger(n) && Math.abs(n) < 1000) return String(n);
  return compact(n);
}
