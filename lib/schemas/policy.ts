import { z } from 'zod';

/**
 * Circuit-breaker and rate-limit policies (issue 5). One model for the stores (etcd, file), the API,
 * the gRPC WatchPolicies stream and the client library the services run (demo/policy-client), so
 * every party validates the same shape. Defaults follow resilience4j's CircuitBreakerConfig scaled to
 * web calls and Envoy's token bucket (shared/reference/backend-apis.md §10); see docs/policies.md.
 */

const ServiceName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/:]*$/, 'must be a service name (letters, digits, . _ - / :)');

/** Inbound: the service limits or sheds what it receives. Edge: the caller applies it to its calls to the callee. */
export const PolicyTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('service'), service: ServiceName }),
  z.object({ kind: z.literal('edge'), source: ServiceName, target: ServiceName }),
]);
export type PolicyTarget = z.infer<typeof PolicyTarget>;

/** The policy's key in the stores and URLs: `service:<name>` or `edge:<source>><target>`. */
export function policyId(t: PolicyTarget): string {
  return t.kind === 'service' ? `service:${t.service}` : `edge:${t.source}>${t.target}`;
}

export const PolicyIdParam = z
  .string()
  .regex(/^(service:[^>]+|edge:[^>]+>[^>]+)$/, 'must be service:<name> or edge:<source>><target>')
  .max(520);

export const SlidingWindow = z.discriminatedUnion('kind', [
  /** The last `size` calls. */
  z.object({ kind: z.literal('count'), size: z.number().int().min(1).max(10_000) }),
  /** The calls of the last `seconds` seconds. */
  z.object({ kind: z.literal('time'), seconds: z.number().int().min(1).max(3_600) }),
]);
export type SlidingWindow = z.infer<typeof SlidingWindow>;

export const BreakerMode = z.enum([
  /** Opens and closes on the thresholds. */
  'auto',
  /** Shed every call now (a manual trip), whatever the thresholds say. */
  'force-open',
  /** Never open (a manual override while the callee is known-good). */
  'force-closed',
]);
export type BreakerMode = z.infer<typeof BreakerMode>;

export const BreakerState = z.enum(['closed', 'open', 'half-open']);
export type BreakerState = z.infer<typeof BreakerState>;

export const CircuitBreakerSpec = z
  .object({
    enabled: z.boolean().default(true),
    mode: BreakerMode.default('auto'),
    /** Opens when the failure ratio in the window is ≥ this (0–1). */
    failureRateThreshold: z.number().gt(0).max(1).default(0.5),
    /** Opens when the ratio of calls slower than slowCallDurationMs is ≥ this (0–1; 1 = only if all are slow). */
    slowCallRateThreshold: z.number().gt(0).max(1).default(1),
    slowCallDurationMs: z.number().int().min(1).max(600_000).default(2_000),
    /** No decision before this many calls in the window. */
    minimumCalls: z.number().int().min(1).max(10_000).default(20),
    slidingWindow: SlidingWindow.default({ kind: 'count', size: 100 }),
    /** Time spent open before probing (half-open). */
    openDurationMs: z.number().int().min(100).max(3_600_000).default(30_000),
    /** Probe calls allowed in half-open; all must succeed to close, one failure re-opens. */
    halfOpenProbes: z.number().int().min(1).max(1_000).default(5),
  })
  .strict();
export type CircuitBreakerSpec = z.infer<typeof CircuitBreakerSpec>;

export const RateLimitScope = z.enum([
  /** Each instance allows ratePerSecond. */
  'instance',
  /** ratePerSecond is shared: each of the N instances the registry lists allows ratePerSecond / N. */
  'global',
]);
export type RateLimitScope = z.infer<typeof RateLimitScope>;

export const RateLimitSpec = z
  .object({
    enabled: z.boolean().default(true),
    /** Token bucket refill rate (tokens, i.e. calls, per second). */
    ratePerSecond: z.number().gt(0).max(1_000_000),
    /** Bucket size: calls allowed at once after a quiet period (≥ 1). */
    burst: z.number().int().min(1).max(1_000_000),
    scope: RateLimitScope.default('instance'),
  })
  .strict();
export type RateLimitSpec = z.infer<typeof RateLimitSpec>;

/** What an operator writes. At least one of the two parts. */
export const PolicySpec = z
  .object({
    target: PolicyTarget,
    circuitBreaker: CircuitBreakerSpec.nullable().default(null),
    rateLimit: RateLimitSpec.nullable().default(null),
  })
  .strict()
  .refine((p) => p.circuitBreaker !== null || p.rateLimit !== null, { message: 'a policy needs a circuitBreaker or a rateLimit', path: ['circuitBreaker'] });
export type PolicySpec = z.infer<typeof PolicySpec>;

/** Where a revision runs: everywhere, or first on canary instances (by id or a percentage of them). */
export const Rollout = z.discriminatedUnion('stage', [
  z.object({ stage: z.literal('all') }),
  z.object({
    stage: z.literal('canary'),
    /** Explicit instance ids, or a percentage (instances chosen by a stable hash of their id). */
    instances: z.array(z.string().min(1)).max(1_000).default([]),
    percent: z.number().min(0).max(100).nullable().default(null),
    /**
     * The version the other instances keep running until promotion (null: the policy did not exist).
     * Set by the store when it accepts the canary write (a value sent by the client is replaced).
     */
    baseVersion: z.number().int().nonnegative().nullable().default(null),
    /** The spec of baseVersion, so a watcher needs nothing else (null: the others run no policy). Set by the store. */
    baseSpec: PolicySpec.nullable().default(null),
  }),
]);
export type Rollout = z.infer<typeof Rollout>;

/** A stored policy: the spec plus its version (per policy, for compare-and-set) and who changed it last. */
export const Policy = z.object({
  id: z.string(),
  spec: PolicySpec,
  /** Increments on every accepted write of this policy; a write must name the version it read. */
  version: z.number().int().positive(),
  /** The store-wide revision of the write (etcd mod revision, or the file store's counter): watchers resume from it. */
  revision: z.number().int().positive(),
  updatedAt: z.string(),
  updatedBy: z.string(),
  reason: z.string(),
  rollout: Rollout.default({ stage: 'all' }),
  /** Deleted policies stay in the store as tombstones so the audit log and restore keep working. */
  deleted: z.boolean().default(false),
});
export type Policy = z.infer<typeof Policy>;

/** PUT /api/v1/policies/<id>: compare-and-set on `expectedVersion` (0 = create). */
export const PolicyWrite = z
  .object({
    spec: PolicySpec,
    expectedVersion: z.number().int().nonnegative(),
    reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500),
    rollout: Rollout.optional(),
  })
  .strict();
export type PolicyWrite = z.infer<typeof PolicyWrite>;

export const AuditAction = z.enum(['create', 'update', 'delete', 'restore', 'promote', 'rollback']);
export type AuditAction = z.infer<typeof AuditAction>;

/** One changed leaf (lib/policy/diff.ts): `from` or `to` is absent when the field did not exist on that side. */
export const FieldChange = z.object({ path: z.string(), from: z.unknown().optional(), to: z.unknown().optional() });
export type FieldChange = z.infer<typeof FieldChange>;

/** One accepted write, append-only. Nothing else is ever logged, and nothing accepted is missing. */
export const AuditEntry = z.object({
  policyId: z.string(),
  version: z.number().int().positive(),
  revision: z.number().int().positive(),
  at: z.string(),
  by: z.string(),
  reason: z.string(),
  action: AuditAction,
  diff: z.array(FieldChange),
  /** The policy as written (restoring an entry writes this spec back as a new version); a delete keeps the tombstoned spec. */
  spec: PolicySpec.nullable(),
  rollout: Rollout,
  /** The write left a tombstone: a delete, or the rollback of a canary for a policy that did not exist before. */
  deleted: z.boolean().default(false),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** A 409 answer: the write named a stale version; here is what is stored now. */
export const PolicyConflict = z.object({ error: z.literal('conflict'), message: z.string(), current: Policy.nullable() });
export type PolicyConflict = z.infer<typeof PolicyConflict>;

/**
 * etcd layout shared by the BFF's etcd store and every client that watches etcd directly:
 * `<prefix>policies/<policyId>` holds the current policy as a StoredPolicy (tombstones included);
 * `<prefix>audit/<policyId>/<version, 20 digits>` one StoredAuditEntry per accepted write. Both are
 * put in one transaction. A value cannot name the revision of the transaction that writes it, so the
 * stored JSON has no `revision`: it is the key's mod_revision (policyFromEtcd). That is also why the
 * audit key carries the policy's version, not the revision: the compare-and-set makes (policy, version)
 * unique, and etcd sorts audit keys by mod revision for the store-wide log. A watcher reads
 * `<prefix>policies/` at a revision and watches from the next one; `baseVersion` of a canary can be
 * read at `policyAuditKey(prefix, id, baseVersion)`, though the Policy carries its `baseSpec` already.
 */
export const POLICY_ETCD_PREFIX = '/switchyard/';
export const policyKey = (prefix: string, id: string) => `${prefix}policies/${id}`;
export const policyAuditKey = (prefix: string, id: string, version: number) => `${prefix}audit/${id}/${String(version).padStart(20, '0')}`;

/** A Policy as stored in etcd: everything but the revision, which is the key's mod_revision. */
export const StoredPolicy = Policy.omit({ revision: true });
export type StoredPolicy = z.infer<typeof StoredPolicy>;
/** An AuditEntry as stored in etcd: everything but the revision, which is the key's mod_revision. */
export const StoredAuditEntry = AuditEntry.omit({ revision: true });
export type StoredAuditEntry = z.infer<typeof StoredAuditEntry>;

/** A policy read from etcd: the value's JSON and the key's mod_revision (a string or number, as etcd clients give it). */
export function policyFromEtcd(value: string, modRevision: string | number): Policy {
  return { ...StoredPolicy.parse(JSON.parse(value)), revision: Number(modRevision) };
}
