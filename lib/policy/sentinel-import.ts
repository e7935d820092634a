import { CircuitBreakerSpec, PolicySpec, PolicyTarget, RateLimitSpec, policyId } from '../schemas/policy';

/**
 * Sentinel (alibaba/Sentinel) FlowRule and DegradeRule JSON → PolicySpec drafts, where a rule maps
 * (docs/policies.md "Export and import", shared/reference/backend-apis.md §10). What does not map is
 * refused with a problem naming the field, never approximated silently.
 *
 * Resource naming: `payments` is the service's inbound policy; `checkout->payments` (or
 * `checkout>payments`, as in our ids) is the edge policy checkout applies to its calls to payments.
 * `:` is not accepted as the separator because our service names may contain it.
 *
 * Flow rules: only QPS (grade 1), direct (strategy 0), reject (controlBehavior 0), limitApp "default".
 * The rate is `count` per second; the burst is max(1, ceil(count)) because Sentinel's default
 * controller admits up to `count` calls in any one-second window, all at once if they come at once:
 * a bucket of `count` tokens refilled at `count`/s allows the same. A cluster rule whose threshold is
 * global (clusterConfig.thresholdType 1) becomes scope global; Sentinel's default cluster threshold
 * (thresholdType 0, "average per instance") is what scope instance means.
 *
 * Degrade rules: slow-request ratio (grade 0) and exception ratio (grade 1) become the breaker;
 * exception count (grade 2) has no equivalent (our breaker has ratios only). The part of the breaker a
 * Sentinel rule does not check is set to its least sensitive value (failure rate 1, or slow calls
 * ≥ 600 s), so the imported breaker trips on what the rule trips on. Sentinel probes with one call in
 * half-open, so halfOpenProbes is 1. Sentinel trips when a ratio exceeds the threshold, ours when it
 * reaches it: the same for any practical threshold.
 *
 * Flow and degrade rules on one resource merge into one spec.
 */

export interface SentinelProblem {
  kind: 'flow' | 'degrade';
  /** Position of the rule in its array. */
  index: number;
  resource: string | null;
  /** The policy the rule would have become part of (null: the resource names no target). */
  policyId: string | null;
  /** The rule field at fault (null: the rule as a whole). */
  field: string | null;
  message: string;
}

export interface SentinelDraft {
  id: string;
  spec: PolicySpec;
}

export interface SentinelImport {
  drafts: SentinelDraft[];
  problems: SentinelProblem[];
}

type Rule = Record<string, unknown>;
type Refusal = { field: string | null; message: string };

/** The target a Sentinel resource name stands for, or why it stands for none. */
export function sentinelTarget(resource: string): PolicyTarget | string {
  const m = /^(.+?)\s*-?>\s*(.+)$/.exec(resource.trim());
  const raw = m ? { kind: 'edge', source: m[1], target: m[2] } : { kind: 'service', service: resource.trim() };
  const parsed = PolicyTarget.safeParse(raw);
  if (parsed.success) return parsed.data;
  return `"${resource}" is not a service name or "<caller>-><callee>": ${parsed.error.issues[0]?.message ?? 'invalid'}`;
}

/** A rule field as a number, the Java default when absent, or a refusal naming it. */
function num(rule: Rule, field: string, fallback?: number): number | Refusal {
  const v = rule[field];
  if (v === undefined || v === null) return fallback ?? { field, message: `${field} is required` };
  return typeof v === 'number' && Number.isFinite(v) ? v : { field, message: `${field} must be a number` };
}
const refused = (x: unknown): x is Refusal => typeof x === 'object' && x !== null && 'message' in x;

function zodRefusal(prefix: string, issue: { path: PropertyKey[]; message: string } | undefined): Refusal {
  return { field: null, message: `${[prefix, ...(issue?.path.map(String) ?? [])].join('.')}: ${issue?.message ?? 'invalid'}` };
}

function flowToRateLimit(rule: Rule): RateLimitSpec | Refusal {
  const grade = num(rule, 'grade', 1);
  if (refused(grade)) return grade;
  if (grade !== 1) return { field: 'grade', message: `grade ${grade} (thread count) has no equivalent: only QPS rules (grade 1) map to a rate limit` };
  const strategy = num(rule, 'strategy', 0);
  if (refused(strategy)) return strategy;
  if (strategy !== 0) return { field: 'strategy', message: `strategy ${strategy} (relate/chain) limits on another resource's traffic: only direct (0) maps` };
  const behavior = num(rule, 'controlBehavior', 0);
  if (refused(behavior)) return behavior;
  if (behavior !== 0) return { field: 'controlBehavior', message: `controlBehavior ${behavior} (warm-up/queueing) has no equivalent: only reject (0) maps` };
  const limitApp = rule.limitApp ?? 'default';
  if (limitApp !== 'default') return { field: 'limitApp', message: `limitApp "${String(limitApp)}" limits by caller origin: only "default" maps (use a "<caller>-><callee>" resource)` };
  const count = num(rule, 'count');
  if (refused(count)) return count;
  const cluster = rule.clusterMode === true;
  const thresholdType = cluster && typeof rule.clusterConfig === 'object' && rule.clusterConfig !== null ? (rule.clusterConfig as Rule).thresholdType : undefined;
  const parsed = RateLimitSpec.safeParse({ ratePerSecond: count, burst: Math.max(1, Math.ceil(count)), scope: thresholdType === 1 ? 'global' : 'instance' });
  return parsed.success ? parsed.data : { ...zodRefusal('rateLimit', parsed.error.issues[0]), field: 'count' };
}

/** The breaker fields a degrade rule sets; the merge fills the rest. */
function degradeToBreaker(rule: Rule): CircuitBreakerSpec | Refusal {
  const grade = num(rule, 'grade', 0);
  if (refused(grade)) return grade;
  if (grade === 2) return { field: 'grade', message: 'grade 2 (exception count) has no equivalent: our breaker opens on ratios only' };
  if (grade !== 0 && grade !== 1) return { field: 'grade', message: `grade ${grade} is not a Sentinel degrade grade (0, 1 or 2)` };
  const count = num(rule, 'count');
  const timeWindow = num(rule, 'timeWindow');
  const minRequestAmount = num(rule, 'minRequestAmount', 5);
  const statIntervalMs = num(rule, 'statIntervalMs', 1000);
  const slowRatio = num(rule, 'slowRatioThreshold', 1);
  for (const v of [count, timeWindow, minRequestAmount, statIntervalMs, slowRatio]) if (refused(v)) return v;
  const [c, tw, minReq, stat, ratio] = [count, timeWindow, minRequestAmount, statIntervalMs, slowRatio] as number[];
  const thresholds =
    grade === 0
      ? { slowCallDurationMs: Math.round(c!), slowCallRateThreshold: ratio, failureRateThreshold: 1 }
      : { failureRateThreshold: c, slowCallRateThreshold: 1, slowCallDurationMs: 600_000 };
  const parsed = CircuitBreakerSpec.safeParse({
    ...thresholds,
    openDurationMs: tw! * 1000,
    minimumCalls: minReq,
    slidingWindow: { kind: 'time', seconds: Math.ceil(stat! / 1000) },
    halfOpenProbes: 1,
  });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const back: Record<string, string> = {
    slowCallDurationMs: 'count',
    failureRateThreshold: 'count',
    slowCallRateThreshold: 'slowRatioThreshold',
    openDurationMs: 'timeWindow',
    minimumCalls: 'minRequestAmount',
    slidingWindow: 'statIntervalMs',
  };
  return { ...zodRefusal('circuitBreaker', issue), field: back[String(issue?.path[0])] ?? null };
}

/**
 * Two degrade rules on one resource (one slow-ratio, one exception-ratio) make one breaker: each
 * contributes its threshold; the shared fields (window, minimum calls, open duration) must agree.
 */
function mergeBreakers(a: CircuitBreakerSpec, b: CircuitBreakerSpec, bGrade: number): CircuitBreakerSpec | Refusal {
  for (const k of ['openDurationMs', 'minimumCalls'] as const) {
    if (a[k] !== b[k]) return { field: k === 'openDurationMs' ? 'timeWindow' : 'minRequestAmount', message: `differs from the other degrade rule on this resource; one breaker has one ${k}` };
  }
  if (JSON.stringify(a.slidingWindow) !== JSON.stringify(b.slidingWindow)) return { field: 'statIntervalMs', message: 'differs from the other degrade rule on this resource; one breaker has one window' };
  return bGrade === 0
    ? { ...a, slowCallDurationMs: b.slowCallDurationMs, slowCallRateThreshold: b.slowCallRateThreshold }
    : { ...a, failureRateThreshold: b.failureRateThreshold };
}

/** Sentinel flow and degrade rule arrays (either may be empty) → one draft per resource, and what was refused. */
export function importSentinel(flowRules: unknown[], degradeRules: unknown[]): SentinelImport {
  const problems: SentinelProblem[] = [];
  const parts = new Map<string, { target: PolicyTarget; rateLimit: RateLimitSpec | null; breaker: CircuitBreakerSpec | null; grades: Set<number> }>();

  const each = (kind: 'flow' | 'degrade', rules: unknown[], apply: (rule: Rule, part: NonNullable<ReturnType<typeof parts.get>>) => Refusal | null) => {
    rules.forEach((raw, index) => {
      const report = (resource: string | null, id: string | null, r: Refusal) => problems.push({ kind, index, resource, policyId: id, ...r });
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return report(null, null, { field: null, message: 'a rule must be a JSON object' });
      const rule = raw as Rule;
      if (typeof rule.resource !== 'string' || rule.resource.trim() === '') return report(null, null, { field: 'resource', message: 'resource is required' });
      const target = sentinelTarget(rule.resource);
      if (typeof target === 'string') return report(rule.resource, null, { field: 'resource', message: target });
      const id = policyId(target);
      const part = parts.get(id) ?? { target, rateLimit: null, breaker: null, grades: new Set<number>() };
      const refusal = apply(rule, part);
      if (refusal) return report(rule.resource, id, refusal);
      parts.set(id, part);
    });
  };

  each('flow', flowRules, (rule, part) => {
    const rl = flowToRateLimit(rule);
    if (refused(rl)) return rl;
    if (part.rateLimit) return { field: null, message: 'another flow rule on this resource was imported already; a policy has one rate limit' };
    part.rateLimit = rl;
    return null;
  });
  each('degrade', degradeRules, (rule, part) => {
    const cb = degradeToBreaker(rule);
    if (refused(cb)) return cb;
    const grade = (rule.grade as number | undefined) ?? 0;
    if (part.grades.has(grade)) return { field: 'grade', message: `another grade ${grade} degrade rule on this resource was imported already` };
    const merged = part.breaker ? mergeBreakers(part.breaker, cb, grade) : cb;
    if (refused(merged)) return merged;
    part.breaker = merged;
    part.grades.add(grade);
    return null;
  });

  const drafts = [...parts.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, p]) => ({ id, spec: PolicySpec.parse({ target: p.target, rateLimit: p.rateLimit, circuitBreaker: p.breaker }) }));
  return { drafts, problems };
}

/** Whether a rule object looks like a DegradeRule (timeWindow and the breaker fields) rather than a FlowRule. */
export function looksLikeDegradeRule(rule: unknown): boolean {
  if (typeof rule !== 'object' || rule === null) return false;
  return ['timeWindow', 'minRequestAmount', 'statIntervalMs', 'slowRatioThreshold'].some((k) => k in rule);
}
