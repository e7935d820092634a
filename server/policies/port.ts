import 'server-only';
import type { AuditEntry, Policy, PolicyWrite } from '@/lib/schemas/policy';

/** What a watcher receives, in revision order. */
export type PolicyEvent =
  /**
   * Every stored policy (tombstones included) as of `revision`: the first event when watching from 0,
   * or a reset when the history after the requested revision is gone (etcd compacted it, or the
   * revision is from another store). Replace everything you hold with it.
   */
  | { type: 'snapshot'; revision: number; policies: Policy[] }
  /** One accepted write; `policy.revision` is its revision (tombstones arrive as `deleted: true`). */
  | { type: 'change'; policy: Policy };

export interface AuditQuery {
  /** Only this policy's entries. */
  policyId?: string;
  /** At most this many, newest first. */
  limit: number;
  /** Only entries with a revision below this (paging: the last revision of the previous page). */
  before?: number;
}

/**
 * The policy store: the etcd store or the embedded file store, with the same semantics (one contract
 * test suite runs against both). Every write is compare-and-set on the policy's version (0 = create):
 * a stale one throws ConflictError carrying the current policy, and nothing is written. Every accepted
 * write, and nothing else, gets an audit entry (who, when, why, field diff, the written spec) in the
 * same atomic step. Unreachable storage throws StoreUnavailableError; bad input InputError; an unknown
 * policy or audit entry NotFoundError.
 */
export interface PolicyStore {
  /** "policies:file" or "policies:etcd", for errors and logs. */
  readonly name: string;
  /** Every policy, tombstones included (filter on `deleted`), sorted by id. */
  list(): Promise<Policy[]>;
  get(id: string): Promise<Policy | null>;
  /** Creates or updates; the id must equal policyId(write.spec.target). A write without a rollout goes to all instances. */
  write(id: string, write: PolicyWrite, actor: string): Promise<Policy>;
  /** Leaves a tombstone (deleted: true, the last spec kept) so the audit log and restore keep working. */
  remove(id: string, expectedVersion: number, reason: string, actor: string): Promise<Policy>;
  /** Writes the spec recorded by the audit entry at `auditRevision` back as a new version, for all instances (undeletes too). */
  restore(id: string, auditRevision: number, expectedVersion: number, reason: string, actor: string): Promise<Policy>;
  /** A canary revision goes to every instance. */
  promote(id: string, expectedVersion: number, reason: string, actor: string): Promise<Policy>;
  /** A canary is abandoned: the base version's spec (or a tombstone, when there was none) for every instance. */
  rollback(id: string, expectedVersion: number, reason: string, actor: string): Promise<Policy>;
  audit(query: AuditQuery): Promise<AuditEntry[]>;
  /**
   * Every change after `fromRevision`, in revision order, each exactly once; from 0, a snapshot first.
   * Resume after a disconnect or a restart with the last revision you processed. The watch survives
   * storage outages (it retries and resumes on its own); `onError` only reports them. Returns unsubscribe.
   */
  watch(fromRevision: number, onEvent: (event: PolicyEvent) => void, onError?: (err: Error) => void): () => void;
  close(): Promise<void>;
}
