import type { Policy } from '@/lib/schemas/policy';
import { toApiError } from '@/lib/query/api-error';
import { breakerSummary, rateLimitSummary } from '@/lib/policy/describe';
import { formatAgo } from '@/lib/format/relative-time';
import { formatDateTime } from '@/lib/format/time';

/** "changed by operator 12 s ago (2026-11-24 12:05:00)". */
export function changedBy(p: Pick<Policy, 'updatedBy' | 'updatedAt'>, nowMs = Date.now()): string {
  const at = Date.parse(p.updatedAt);
  return `${p.updatedBy} ${formatAgo(at, nowMs)} (${formatDateTime(at)})`;
}

/**
 * A failed write in words. A 409 means someone else wrote first: say who, when and what is stored now,
 * so the next confirmation is made knowing it (the caller reads the current version again).
 */
export async function explainWriteError(err: unknown, id: string, fresh: (id: string) => Promise<Policy | null>): Promise<string> {
  const e = toApiError(err);
  if (e.status === 409) {
    const now = await fresh(id).catch(() => null);
    if (!now) return 'Someone changed this policy meanwhile. Look at it again before you retry.';
    const state = now.deleted ? 'deleted' : `breaker ${breakerSummary(now.spec.circuitBreaker)}; rate limit ${rateLimitSummary(now.spec.rateLimit)}`;
    return `Changed meanwhile by ${changedBy(now)}: version ${now.version}, ${state}. Check it and confirm again to change that version.`;
  }
  if (e.status === 401) return `${e.message} (sign in again)`;
  return e.message;
}
