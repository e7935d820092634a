import { z } from 'zod';
import { SourceError } from './errors';
import { Point } from './services';
import { AuditEntry, BreakerMode, BreakerState, FieldChange, Policy, PolicyIdParam, PolicySpec } from './policy';

/**
 * The policy HTTP API (app/api/v1/policies/**, docs/api.md): request bodies and answers. Writes take
 * the version the client read (compare-and-set): a stale one gets 409 with PolicyConflict (policy.ts).
 * Every write needs the operator role and a CSRF token (docs/auth.md).
 */

/** Live state of one policy from the instances' metrics (lib/promql/policy-state.ts). */
export const PolicyLiveState = z.object({
  /** Worst breaker state any instance reports now (null: none reports this policy's breaker). */
  breaker: BreakerState.nullable(),
  /** Calls shed by the breaker, per second, over the last 5 minutes. */
  breakerRejectedRps: z.number().nullable(),
  /** Calls the rate limit rejected, per second, over the last 5 minutes. */
  rateLimitRejectedRps: z.number().nullable(),
});
export type PolicyLiveState = z.infer<typeof PolicyLiveState>;

/** GET /api/v1/policies */
export const PolicyListResponse = z.object({
  policies: z.array(Policy),
  /** Keyed by policy id; absent when Prometheus had nothing (errors say why). */
  live: z.record(z.string(), PolicyLiveState),
  /** The store's name ("policies:etcd", "policies:file"). */
  store: z.string(),
  errors: z.array(SourceError),
});
export type PolicyListResponse = z.infer<typeof PolicyListResponse>;

/** GET /api/v1/policies/audit?policyId&limit&before */
export const AuditParams = z.object({
  policyId: PolicyIdParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  before: z.coerce.number().int().positive().optional(),
});
export const AuditResponse = z.object({ entries: z.array(AuditEntry) });
export type AuditResponse = z.infer<typeof AuditResponse>;

/** DELETE /api/v1/policies/<id>, POST …/promote, …/rollback */
export const VersionedAction = z.object({
  expectedVersion: z.number().int().positive(),
  reason: z.string().trim().min(3, 'say why (at least 3 characters)').max(500),
});
export type VersionedAction = z.infer<typeof VersionedAction>;

/** POST /api/v1/policies/<id>/restore */
export const RestoreAction = VersionedAction.extend({ auditRevision: z.number().int().positive() });
export type RestoreAction = z.infer<typeof RestoreAction>;

/**
 * POST /api/v1/policies/preview: what this spec would have done over the last hour of real traffic
 * (Prometheus), before anyone saves it. The breaker replay is an estimate from per-step rates (the
 * metrics do not hold individual calls); the answer says so in `notes`.
 */
export const PreviewRequest = z.object({ spec: PolicySpec, minutes: z.number().int().min(5).max(360).default(60) });
export type PreviewRequest = z.infer<typeof PreviewRequest>;

export const PreviewResponse = z.object({
  startMs: z.number(),
  endMs: z.number(),
  stepMs: z.number(),
  /** Calls per second the target received (inbound) or the caller sent (edge), per step. */
  traffic: z.array(Point),
  /** Error ratio of those calls per step (what a breaker reacts to). */
  errorRatio: z.array(Point),
  /** Calls per second the rate limit would have rejected, per step (empty without a rate limit). */
  wouldReject: z.array(Point),
  /** Average rejected per minute over the period (null without a rate limit or without traffic). */
  rejectedPerMinute: z.number().nullable(),
  /** Steps at which the breaker would have been open (empty without a breaker). */
  breakerOpen: z.array(Point),
  /** How many times the breaker would have opened over the period (null without a breaker). */
  breakerOpenings: z.number().int().nonnegative().nullable(),
  notes: z.array(z.string()),
  errors: z.array(SourceError),
});
export type PreviewResponse = z.infer<typeof PreviewResponse>;

/** GET /api/v1/policies/<id>/rollout: which instances run which revision, from their metrics. */
export const RolloutInstance = z.object({
  service: z.string(),
  instance: z.string(),
  /** The registry id (what a canary lists). */
  instanceId: z.string().nullable(),
  /** The store revision the instance reports it runs (switchyard_policy_revision); null: not reporting. */
  revision: z.number().nullable(),
  /** The version of this policy the instance runs (switchyard_policy_version); null: none. */
  version: z.number().nullable(),
  /** Whether this instance should run the policy's current version (false: a canary it is not in). */
  targeted: z.boolean(),
  converged: z.boolean(),
  /** Not converged and the write is older than the convergence timeout. */
  stuck: z.boolean(),
});
export type RolloutInstance = z.infer<typeof RolloutInstance>;

export const RolloutResponse = z.object({
  policyId: z.string(),
  version: z.number(),
  revision: z.number(),
  writtenAt: z.string(),
  timeoutMs: z.number(),
  instances: z.array(RolloutInstance),
  /** Every targeted instance converged. */
  done: z.boolean(),
  /** For a canary: the canary instances' numbers against the rest, over the last 5 minutes. */
  comparison: z
    .object({
      canary: z.object({ rps: z.number().nullable(), errorRatio: z.number().nullable(), p95: z.number().nullable() }),
      rest: z.object({ rps: z.number().nullable(), errorRatio: z.number().nullable(), p95: z.number().nullable() }),
    })
    .nullable(),
  errors: z.array(SourceError),
});
export type RolloutResponse = z.infer<typeof RolloutResponse>;

/** GET /api/v1/policies/<id>/export?format=istio|envoy: the policy as mesh configuration (YAML text). */
export const ExportParams = z.object({ format: z.enum(['istio', 'envoy']) });

/** A quick toggle from the UI (side panel, service page, triage): force-open, close, or set a limit. */
export const BreakerModeChange = z.object({ mode: BreakerMode });

/** GET /api/v1/policies/export-all: every live policy, in the form POST …/import takes back. */
export const POLICY_EXPORT_FORMAT = 'switchyard-policies/v1';
export const PolicyExport = z.object({
  format: z.literal(POLICY_EXPORT_FORMAT),
  exportedAt: z.string(),
  policies: z.array(z.object({ spec: PolicySpec })),
});
export type PolicyExport = z.infer<typeof PolicyExport>;

/** What POST /api/v1/policies/import reads: ours (the export, or a bare PolicySpec array) or Sentinel rule arrays. */
export const ImportFormat = z.enum(['switchyard', 'sentinel-flow', 'sentinel-degrade']);
export type ImportFormat = z.infer<typeof ImportFormat>;

/** Query of POST /api/v1/policies/import: dryRun defaults to true (nothing written); format is detected when absent. */
export const ImportParams = z.object({
  dryRun: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  format: ImportFormat.optional(),
});
export const ImportRequest = z.object({
  data: z.unknown().refine((v) => v !== undefined, 'the JSON to import is required'),
  /** Required (at least 3 characters) to apply; a dry run may leave it empty. */
  reason: z.string().trim().max(500).default(''),
});
export type ImportRequest = z.infer<typeof ImportRequest>;

/** Something in the input that was not imported: `source` says where ("policies[2]", "flow rule 0 (payments)"). */
export const ImportProblem = z.object({ source: z.string(), field: z.string().nullable(), message: z.string() });
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportItem = z.object({
  id: z.string(),
  /** Against what is stored: a tombstone counts as absent (create). */
  action: z.enum(['create', 'update', 'unchanged']),
  diff: z.array(FieldChange),
  spec: PolicySpec,
  /** Rules of this policy that were refused (the rest were imported). */
  problems: z.array(ImportProblem),
  /** planned (dry run), written, unchanged (nothing to write), conflict (changed since it was read), failed. */
  outcome: z.enum(['planned', 'written', 'unchanged', 'conflict', 'failed']),
  /** The version written (outcome written), else null. */
  version: z.number().int().positive().nullable(),
  message: z.string().nullable(),
});
export type ImportItem = z.infer<typeof ImportItem>;

export const ImportResponse = z.object({
  format: ImportFormat,
  dryRun: z.boolean(),
  items: z.array(ImportItem),
  /** Problems that belong to no policy (a rule naming no target, an entry that is not a spec). */
  problems: z.array(ImportProblem),
});
export type ImportResponse = z.infer<typeof ImportResponse>;
