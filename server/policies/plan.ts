import 'server-only';
import { diffFields } from '@/lib/policy/diff';
import { policyId, PolicyIdParam, PolicyWrite, type AuditAction, type AuditEntry, type Policy, type PolicySpec, type Rollout, type StoredAuditEntry, type StoredPolicy } from '@/lib/schemas/policy';
import { InputError, NotFoundError } from '@/server/runtime/errors';
import { ConflictError } from './errors';

/** What a store is asked to do to one policy; both stores turn it into a Change with planChange(). */
export type Operation =
  | { kind: 'write'; write: PolicyWrite }
  | { kind: 'delete' }
  | { kind: 'restore'; entry: AuditEntry | null; auditRevision: number }
  | { kind: 'promote' }
  | { kind: 'rollback' };

/** The next state of the policy and its audit entry, both still without the store-wide revision. */
export interface Change {
  policy: StoredPolicy;
  audit: StoredAuditEntry;
}

export interface Intent {
  id: string;
  op: Operation;
  expectedVersion: number;
  reason: string;
  actor: string;
}

const Reason = PolicyWrite.shape.reason;

/** Checks what needs no stored state (ids, reason, actor, the write's shape), before any I/O. */
export function validateIntent(i: Intent): Intent {
  const id = PolicyIdParam.safeParse(i.id);
  if (!id.success) throw new InputError(`id: ${id.error.issues[0]!.message}`, 'id');
  if (!Number.isSafeInteger(i.expectedVersion) || i.expectedVersion < 0) throw new InputError('expectedVersion: must be a whole number ≥ 0', 'expectedVersion');
  const reason = Reason.safeParse(i.reason);
  if (!reason.success) throw new InputError(`reason: ${reason.error.issues[0]!.message}`, 'reason');
  if (typeof i.actor !== 'string' || i.actor.trim() === '') throw new InputError('the actor (who writes) is empty', 'actor');
  if (i.op.kind !== 'write') return { ...i, reason: reason.data };
  const parsed = PolicyWrite.safeParse(i.op.write);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    throw new InputError(`${field || 'body'}: ${issue.message}`, field || undefined);
  }
  const w = parsed.data;
  if (policyId(w.spec.target) !== i.id) throw new InputError(`spec.target: names ${policyId(w.spec.target)}, but the policy is ${i.id}`, 'spec.target');
  if (w.rollout?.stage === 'canary' && w.rollout.instances.length === 0 && w.rollout.percent === null) {
    throw new InputError('rollout: a canary needs instance ids or a percent', 'rollout');
  }
  return { ...i, reason: w.reason, op: { kind: 'write', write: w } };
}

/**
 * The transition both stores share: compare-and-set first (a stale version is a conflict, whatever
 * else is wrong with the request, so the caller sees the current state), then what the operation
 * needs of the current state. Pure: `now` is passed in.
 */
export function planChange(intent: Intent, current: Policy | null, now: Date): Change {
  const { id, op, expectedVersion, reason, actor } = intent;
  if (op.kind !== 'write' && current === null) throw new NotFoundError(`policy ${id} does not exist`);
  if ((current?.version ?? 0) !== expectedVersion) throw new ConflictError(id, expectedVersion, current);

  let spec: PolicySpec;
  let rollout: Rollout = { stage: 'all' };
  let deleted = false;
  let action: AuditAction;
  switch (op.kind) {
    case 'write': {
      spec = op.write.spec;
      action = current === null || current.deleted ? 'create' : 'update';
      if (op.write.rollout?.stage === 'canary') rollout = canary(op.write.rollout, current);
      break;
    }
    case 'delete': {
      if (current!.deleted) throw new InputError(`policy ${id} is already deleted`, 'id');
      spec = current!.spec;
      deleted = true;
      action = 'delete';
      break;
    }
    case 'restore': {
      if (op.entry === null || op.entry.policyId !== id) throw new NotFoundError(`policy ${id} has no audit entry at revision ${op.auditRevision}`);
      if (op.entry.spec === null) throw new InputError(`the audit entry at revision ${op.auditRevision} records no spec to restore`, 'auditRevision');
      spec = op.entry.spec;
      action = 'restore';
      break;
    }
    case 'promote':
    case 'rollback': {
      const r = current!.rollout;
      if (r.stage !== 'canary') throw new InputError(`policy ${id} is not in a canary rollout (version ${current!.version} runs on all instances)`, 'rollout');
      spec = op.kind === 'promote' || r.baseSpec === null ? current!.spec : r.baseSpec;
      deleted = op.kind === 'rollback' && r.baseSpec === null;
      action = op.kind;
      break;
    }
  }

  const policy: StoredPolicy = { id, spec, version: expectedVersion + 1, updatedAt: now.toISOString(), updatedBy: actor, reason, rollout, deleted };
  const audit: StoredAuditEntry = {
    policyId: id,
    version: policy.version,
    at: policy.updatedAt,
    by: actor,
    reason,
    action,
    diff: diffFields(diffable(current), diffable(policy)),
    spec,
    rollout,
    deleted,
  };
  return { policy, audit };
}

/**
 * A canary's base is what the other instances run now: the current version, or, when a canary is
 * already running, its base (a second canary replaces the first; the others never ran it).
 */
function canary(r: Extract<Rollout, { stage: 'canary' }>, current: Policy | null): Rollout {
  const base =
    current === null
      ? { baseVersion: null, baseSpec: null }
      : current.rollout.stage === 'canary'
        ? { baseVersion: current.rollout.baseVersion, baseSpec: current.rollout.baseSpec }
        : { baseVersion: current.version, baseSpec: current.deleted ? null : current.spec };
  return { stage: 'canary', instances: r.instances, percent: r.percent, ...base };
}

/** What the audit diff compares: the operator-visible state. The canary's base spec is derived, so left out. */
function diffable(p: Pick<Policy, 'spec' | 'rollout' | 'deleted'> | null): unknown {
  if (p === null) return undefined;
  let rollout: unknown = p.rollout;
  if (p.rollout.stage === 'canary') {
    const { baseSpec: _derived, ...visible } = p.rollout;
    rollout = visible;
  }
  return { spec: p.spec, rollout, deleted: p.deleted };
}
