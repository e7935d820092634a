import { parseDuration } from '../time/duration';

/**
 * Time points and ranges as people read and type them. Absolute times are shown and parsed in the
 * viewer's local time zone (that is what a wall clock during an incident says); URLs carry unix ms,
 * so a shared link means the same instant everywhere.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-24 12:05:00" in local time. */
export function formatDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** "12:05:00" in local time. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

const UNIT_NAMES: Record<string, [string, string]> = {
  s: ['second', 'seconds'],
  m: ['minute', 'minutes'],
  h: ['hour', 'hours'],
  d: ['day', 'days'],
  w: ['week', 'weeks'],
};

/** "now-15m" → "15 minutes"; null when the point is not relative. */
function describeRelative(point: string): string | null {
  const m = /^now-(\d+)([smhdw])$/.exec(point);
  if (!m) return null;
  const n = Number(m[1]);
  const [one, many] = UNIT_NAMES[m[2]!]!;
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

/** A URL time point for display: "now", "now-15m" stay as typed; absolute ones become local time. */
export function formatTimePoint(point: string): string {
  if (point === 'now' || point.startsWith('now-')) return point;
  const ms = /^\d+$/.test(point) ? Number(point) : Date.parse(point);
  return Number.isNaN(ms) ? point : formatDateTime(ms);
}

/** "Last 15 minutes" for relative ranges ending now; "<from> → <to>" otherwise. */
export function describeRange(from: string, to: string): string {
  const rel = to === 'now' ? describeRelative(from) : null;
  if (rel) return `Last ${rel}`;
  const a = formatTimePoint(from);
  const b = formatTimePoint(to);
  // Same day: print the date once ("2026-11-24 12:00:00 → 13:00:00").
  if (/^\d{4}-\d\d-\d\d /.test(a) && a.slice(0, 10) === b.slice(0, 10)) return `${a} → ${b.slice(11)}`;
  return `${a} → ${b}`;
}

const LOCAL = /^(\d{4})-(\d\d)-(\d\d)(?:[ T](\d\d):(\d\d)(?::(\d\d))?)?$/;

/**
 * What someone typed into a From/To box, as a URL time point: "now", "now-2h", "2026-11-24 12:00"
 * (local time), a full ISO time with zone, or unix ms. Returns null when it can't be read.
 */
export function parseTimeInput(text: string): string | null {
  const t = text.trim();
  if (t === 'now') return 'now';
  if (t.startsWith('now-')) return parseDuration(t.slice(4)) !== null ? t : null;
  if (/^\d{10,14}$/.test(t)) return t;
  const m = LOCAL.exec(t);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
    const date = new Date(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    // new Date() silently rolls 2026-02-31 over into March; a typo must be an error instead.
    if (date.getMonth() !== Number(mo) - 1 || date.getDate() !== Number(d)) return null;
    return String(date.getTime());
  }
  // Only full ISO times with an explicit zone: Date.parse of free text differs between engines.
  if (/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : String(ms);
  }
  return null;
}
