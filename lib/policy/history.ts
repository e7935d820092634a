import type { AuditEntry, Policy } from '../schemas/policy';

/**
 * The policy as it stood right after an audit entry. Every entry records the whole written state
 * (spec, rollout, who, why, and for a delete the spec that was tombstoned), so the log alone rebuilds
 * every version: the file store recovers and replays watches from it, and restore reads it.
 */
export function policyAfter(entry: AuditEntry): Policy {
  if (entry.spec === null) throw new Error(`audit entry at revision ${entry.revision} (${entry.policyId} v${entry.version}) has no spec`);
  return {
    id: entry.policyId,
    spec: entry.spec,
    version: entry.version,
    revision: entry.revision,
    updatedAt: entry.at,
    updatedBy: entry.by,
    reason: entry.reason,
    rollout: entry.rollout,
    deleted: entry.deleted,
  };
}
