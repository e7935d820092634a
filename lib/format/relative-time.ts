/**
 * "3 min ago": when something changed, as people say it. Shown next to the absolute time (a title or
 * a second line), never instead of it: "2 h ago" is useless in a postmortem. A time slightly in the
 * future (clock skew between the BFF and the browser) reads as "just now".
 */
export function formatAgo(atMs: number, nowMs: number): string {
  if (!Number.isFinite(atMs)) return '\u2014';
  const s = Math.floor((nowMs - atMs) / 1000);
  if (s < 10) return 'just now';
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}
