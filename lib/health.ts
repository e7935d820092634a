import type { Health, RedStats } from './schemas/services';
import type { HealthThresholds } from './schemas/config';

/**
 * Traffic-light health from RED numbers. No traffic is "idle", not healthy: a service nobody calls
 * can't prove anything. Missing error or latency data with traffic present is "unknown".
 */
export function healthOf(stats: RedStats, t: HealthThresholds): Health {
  if (stats.rps === null) return 'unknown';
  if (stats.rps === 0) return 'idle';
  if (stats.errorRatio === null) return 'unknown';
  if (stats.errorRatio >= t.errorRatioCritical || (stats.p95 !== null && stats.p95 >= t.p95CriticalS)) return 'critical';
  if (stats.errorRatio >= t.errorRatioWarning || (stats.p95 !== null && stats.p95 >= t.p95WarningS)) return 'warning';
  return 'healthy';
}
