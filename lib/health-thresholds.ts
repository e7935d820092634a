import type { HealthConfig, HealthThresholds } from './schemas/config';
import { compileServicePattern } from './service-pattern';

export const THRESHOLD_KEYS = ['errorRatioWarning', 'errorRatioCritical', 'p95WarningS', 'p95CriticalS'] as const;

/** `base`'s four thresholds with the ones `override` sets on top (undefined = inherit). */
export function mergeThresholds(base: HealthThresholds, override: Partial<HealthThresholds>): HealthThresholds {
  const out = {} as HealthThresholds;
  for (const k of THRESHOLD_KEYS) out[k] = override[k] ?? base[k];
  return out;
}

type Resolver = (service: string) => HealthThresholds;

/** One resolver per parsed config: patterns compile once, not once per service per refresh. */
const resolvers = new WeakMap<HealthConfig, Resolver>();

/**
 * The health thresholds of a service: those of the first override whose `match` fits its name, merged
 * over the global ones; the global ones when none fits. Grade an edge with its callee's thresholds: the
 * callee's owners set them for the calls it serves.
 */
export function thresholdResolver(health: HealthConfig): Resolver {
  let resolve = resolvers.get(health);
  if (resolve) return resolve;
  const base = mergeThresholds(health, {});
  // The config schema has validated every pattern, so compiling cannot throw here.
  const rules = health.overrides.map((o) => ({ re: compileServicePattern(o.match), thresholds: mergeThresholds(base, o) }));
  resolve = (service) => rules.find((r) => r.re.test(service))?.thresholds ?? base;
  resolvers.set(health, resolve);
  return resolve;
}

export function thresholdsFor(service: string, health: HealthConfig): HealthThresholds {
  return thresholdResolver(health)(service);
}
