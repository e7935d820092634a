import type { z } from 'zod';
import { CircuitBreakerSpec, PolicyWrite, type BreakerMode, type Policy, type PolicySpec, type PolicyTarget, type RateLimitScope, type Rollout } from '../schemas/policy';

/**
 * The policy editor's form: what the inputs hold (text, as typed, in the units people think in:
 * percentages, seconds), how it becomes a PolicyWrite, and the zod schema's verdict as one message per
 * field, in those same units. The bounds come from lib/schemas/policy.ts, never from a copy here.
 */
export interface PolicyForm {
  targetKind: PolicyTarget['kind'];
  service: string;
  source: string;
  target: string;
  breakerOn: boolean;
  breakerEnabled: boolean;
  mode: BreakerMode;
  /** Percent. */
  failurePct: string;
  /** Percent. */
  slowPct: string;
  slowMs: string;
  minimumCalls: string;
  windowKind: 'count' | 'time';
  windowSize: string;
  windowSeconds: string;
  /** Seconds. */
  openSeconds: string;
  halfOpenProbes: string;
  limitOn: boolean;
  limitEnabled: boolean;
  rate: string;
  burst: string;
  scope: RateLimitScope;
  rolloutStage: Rollout['stage'];
  /** Registry ids, separated by commas or spaces. */
  canaryInstances: string;
  /** Percent, or empty. */
  canaryPercent: string;
  reason: string;
}

export type FormField = keyof PolicyForm;
export type FormErrors = Partial<Record<FormField | 'form', string>>;

const DEFAULT_BREAKER = CircuitBreakerSpec.parse({});

const text = (n: number) => String(n);
/** 0.5 → "50" without float noise (0.07 * 100 = 7.000000000000001). */
const pct = (ratio: number) => text(Number((ratio * 100).toPrecision(12)));

function breakerFields(cb: CircuitBreakerSpec) {
  return {
    breakerEnabled: cb.enabled,
    mode: cb.mode,
    failurePct: pct(cb.failureRateThreshold),
    slowPct: pct(cb.slowCallRateThreshold),
    slowMs: text(cb.slowCallDurationMs),
    minimumCalls: text(cb.minimumCalls),
    windowKind: cb.slidingWindow.kind,
    windowSize: text(cb.slidingWindow.kind === 'count' ? cb.slidingWindow.size : 100),
    windowSeconds: text(cb.slidingWindow.kind === 'time' ? cb.slidingWindow.seconds : 60),
    openSeconds: text(cb.openDurationMs / 1000),
    halfOpenProbes: text(cb.halfOpenProbes),
  };
}

/** A new policy: an automatic breaker with the schema's defaults, no rate limit. */
export function emptyForm(target?: PolicyTarget): PolicyForm {
  return {
    targetKind: target?.kind ?? 'edge',
    service: target?.kind === 'service' ? target.service : '',
    source: target?.kind === 'edge' ? target.source : '',
    target: target?.kind === 'edge' ? target.target : '',
    breakerOn: true,
    ...breakerFields(DEFAULT_BREAKER),
    limitOn: false,
    limitEnabled: true,
    rate: '',
    burst: '',
    scope: 'instance',
    rolloutStage: 'all',
    canaryInstances: '',
    canaryPercent: '',
    reason: '',
  };
}

/** The spec's values in the form (the reason starts empty: every change says its own why). */
export function formFromSpec(spec: PolicySpec, rollout: Rollout = { stage: 'all' }): PolicyForm {
  const base = emptyForm(spec.target);
  const cb = spec.circuitBreaker;
  const rl = spec.rateLimit;
  return {
    ...base,
    breakerOn: cb !== null,
    ...(cb ? breakerFields(cb) : {}),
    limitOn: rl !== null,
    limitEnabled: rl?.enabled ?? true,
    rate: rl ? text(rl.ratePerSecond) : '',
    burst: rl ? text(rl.burst) : '',
    scope: rl?.scope ?? 'instance',
    rolloutStage: rollout.stage,
    canaryInstances: rollout.stage === 'canary' ? rollout.instances.join(', ') : '',
    canaryPercent: rollout.stage === 'canary' && rollout.percent !== null ? text(rollout.percent) : '',
  };
}

export const formFromPolicy = (p: Policy): PolicyForm => formFromSpec(p.spec, p.rollout);

/** Text → number for zod: blank is NaN, which zod reports as "enter a number", never as 0. */
const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim()));

function targetOf(f: PolicyForm): PolicyTarget {
  return f.targetKind === 'service' ? { kind: 'service', service: f.service.trim() } : { kind: 'edge', source: f.source.trim(), target: f.target.trim() };
}

/** The form as a request body, unvalidated (numbers may be NaN). */
export function rawWrite(f: PolicyForm, expectedVersion: number): unknown {
  const circuitBreaker = f.breakerOn
    ? {
        enabled: f.breakerEnabled,
        mode: f.mode,
        failureRateThreshold: num(f.failurePct) / 100,
        slowCallRateThreshold: num(f.slowPct) / 100,
        slowCallDurationMs: num(f.slowMs),
        minimumCalls: num(f.minimumCalls),
        slidingWindow: f.windowKind === 'count' ? { kind: 'count', size: num(f.windowSize) } : { kind: 'time', seconds: num(f.windowSeconds) },
        openDurationMs: num(f.openSeconds) * 1000,
        halfOpenProbes: num(f.halfOpenProbes),
      }
    : null;
  const rateLimit = f.limitOn ? { enabled: f.limitEnabled, ratePerSecond: num(f.rate), burst: num(f.burst), scope: f.scope } : null;
  const instances = f.canaryInstances.split(/[\s,]+/).filter((s) => s !== '');
  const rollout =
    f.rolloutStage === 'canary' ? { stage: 'canary', instances, percent: f.canaryPercent.trim() === '' ? null : num(f.canaryPercent) } : undefined;
  return { spec: { target: targetOf(f), circuitBreaker, rateLimit }, expectedVersion, reason: f.reason, ...(rollout ? { rollout } : {}) };
}

/** Where a schema path lands in the form, and the factor from the schema's unit to the form's. */
const FIELDS: ReadonlyArray<{ path: string; field: FormField; scale?: number; unit?: string }> = [
  { path: 'spec.target.service', field: 'service' },
  { path: 'spec.target.source', field: 'source' },
  { path: 'spec.target.target', field: 'target' },
  { path: 'spec.circuitBreaker.failureRateThreshold', field: 'failurePct', scale: 100, unit: ' %' },
  { path: 'spec.circuitBreaker.slowCallRateThreshold', field: 'slowPct', scale: 100, unit: ' %' },
  { path: 'spec.circuitBreaker.slowCallDurationMs', field: 'slowMs', unit: ' ms' },
  { path: 'spec.circuitBreaker.minimumCalls', field: 'minimumCalls' },
  { path: 'spec.circuitBreaker.slidingWindow.size', field: 'windowSize' },
  { path: 'spec.circuitBreaker.slidingWindow.seconds', field: 'windowSeconds', unit: ' s' },
  { path: 'spec.circuitBreaker.openDurationMs', field: 'openSeconds', scale: 1 / 1000, unit: ' s' },
  { path: 'spec.circuitBreaker.halfOpenProbes', field: 'halfOpenProbes' },
  { path: 'spec.circuitBreaker', field: 'breakerOn' },
  { path: 'spec.rateLimit.ratePerSecond', field: 'rate', unit: ' req/s' },
  { path: 'spec.rateLimit.burst', field: 'burst' },
  { path: 'rollout.instances', field: 'canaryInstances' },
  { path: 'rollout.percent', field: 'canaryPercent', unit: ' %' },
  { path: 'reason', field: 'reason' },
];

const bound = (v: number | bigint, scale: number, unit: string) => `${Number((Number(v) * scale).toPrecision(12))}${unit}`;

/** One zod issue in the field's own units: "must be at most 100 %" for a ratio of 1. */
export function issueMessage(issue: z.core.$ZodIssue, scale = 1, unit = ''): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return 'must be a whole number';
      if (issue.expected === 'number') return 'enter a number';
      return issue.message;
    case 'too_small':
      if (issue.origin === 'number') return `must be ${issue.inclusive ? 'at least' : 'more than'} ${bound(issue.minimum, scale, unit)}`;
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'required';
      return issue.message;
    case 'too_big':
      if (issue.origin === 'number') return `must be ${issue.inclusive ? 'at most' : 'less than'} ${bound(issue.maximum, scale, unit)}`;
      return issue.message;
    default:
      return issue.message;
  }
}

export type FormResult = { ok: true; write: PolicyWrite } | { ok: false; errors: FormErrors };

/** Validates with the API's own schema; the first message per field, and a form-level one for the rest. */
export function validateForm(f: PolicyForm, expectedVersion: number): FormResult {
  const parsed = PolicyWrite.safeParse(rawWrite(f, expectedVersion));
  const errors: FormErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const spot = FIELDS.find((x) => x.path === path) ?? FIELDS.find((x) => path.startsWith(`${x.path}.`));
      const key: FormField | 'form' = spot?.field ?? 'form';
      errors[key] ??= key === 'form' && path ? `${path}: ${issueMessage(issue)}` : issueMessage(issue, spot?.scale, spot?.unit);
    }
  }
  const w = parsed.success ? parsed.data : null;
  // What the schema allows but the store refuses (server/policies/plan.ts), said before sending.
  if (f.rolloutStage === 'canary' && f.canaryInstances.trim() === '' && f.canaryPercent.trim() === '') errors.canaryInstances ??= 'name instance ids or a percent';
  if (Object.keys(errors).length > 0 || w === null) return { ok: false, errors };
  return { ok: true, write: w };
}

/** The spec alone, when the form holds a valid one (the reason and rollout aside): what the preview needs. */
export function previewSpec(f: PolicyForm): PolicySpec | null {
  const r = validateForm({ ...f, reason: f.reason.trim().length >= 3 ? f.reason : 'preview', rolloutStage: 'all' }, 0);
  return r.ok ? r.write.spec : null;
}
