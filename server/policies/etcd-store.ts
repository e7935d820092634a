import 'server-only';
import { Etcd3, GRPCDeadlineExceededError, type IKeyValue } from 'etcd3';
import { ZodError } from 'zod';
import { sameJson } from '@/lib/policy/diff';
import { POLICY_ETCD_PREFIX, policyAuditKey, policyFromEtcd, policyKey, StoredAuditEntry, StoredPolicy, type AuditEntry, type Policy, type PolicyWrite } from '@/lib/schemas/policy';
import { InputError, NotFoundError } from '@/server/runtime/errors';
import { ConflictError, StoreDataError, StoreUnavailableError } from './errors';
import { watchEtcdPolicies } from './etcd-watch';
import { planChange, validateIntent, type Intent, type Operation } from './plan';
import type { AuditQuery, PolicyStore } from './port';
import { checkAuditQuery, checkFromRevision } from './queries';

export interface EtcdPolicyStoreOptions {
  endpoints: string[];
  prefix?: string;
  dialTimeoutMs?: number;
}

const NAME = 'policies:etcd';
const AUDIT_SUFFIX = /^\d{20}$/;

/**
 * The policy store on etcd (layout in lib/schemas/policy.ts). A write reads the policy key, plans the
 * change, and commits one transaction: if the key's mod revision is still the one read (0: absent)
 * and no audit entry exists for the new version, put the policy and its audit entry; else read the
 * key back for the conflict. The policy and its audit entry share the transaction's revision, which
 * is the Policy's and the AuditEntry's `revision`. etcd down: the read or the transaction fails and
 * nothing is stored (one transaction, all or nothing).
 *
 * A transaction whose answer was lost (etcd3 retries a failed call up to three times) may have
 * committed; its retry then fails the compare. If what is stored is exactly what this write put, the
 * write is reported as the success it was instead of a conflict with itself.
 */
export function createEtcdPolicyStore(opts: EtcdPolicyStoreOptions): PolicyStore {
  const prefix = opts.prefix ?? POLICY_ETCD_PREFIX;
  const dialMs = opts.dialTimeoutMs ?? 3000;
  const where = opts.endpoints.join(', ');
  const policiesPrefix = `${prefix}policies/`;
  const auditPrefix = `${prefix}audit/`;
  const client = new Etcd3({
    hosts: opts.endpoints,
    // As in the registry (server/sources/registry/etcd.ts): etcd3 1.1.2 ignores dialTimeout, so a
    // deadline per unary call bounds a dead etcd; watch streams get none, and keepalives find a dead peer.
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + dialMs }),
    grpcOptions: { 'grpc.keepalive_time_ms': 30_000, 'grpc.keepalive_timeout_ms': 10_000 },
  });
  const stops = new Set<() => void>();
  let closed = false;

  const failure = (err: unknown): Error => {
    if (err instanceof StoreUnavailableError || err instanceof ConflictError || err instanceof InputError || err instanceof NotFoundError || err instanceof StoreDataError) return err;
    if (err instanceof SyntaxError || err instanceof ZodError) return new StoreDataError(`${NAME}: a value under ${prefix} is not what Switchyard writes: ${err.message}`, { cause: err });
    if (err instanceof GRPCDeadlineExceededError) return new StoreUnavailableError(NAME, `etcd at ${where} did not answer within ${dialMs} ms; nothing was written`, err);
    return new StoreUnavailableError(NAME, `cannot reach etcd at ${where}: ${err instanceof Error ? err.message : String(err)}`, err);
  };
  async function guarded<T>(fn: () => Promise<T>): Promise<T> {
    if (closed) throw new StoreUnavailableError(NAME, 'the store is closed');
    try {
      return await fn();
    } catch (err) {
      throw failure(err);
    }
  }

  const auditFrom = (kv: IKeyValue): AuditEntry => ({ ...StoredAuditEntry.parse(JSON.parse(kv.value.toString('utf8'))), revision: Number(kv.mod_revision) });

  async function read(id: string): Promise<{ policy: Policy | null; modRevision: number }> {
    const res = await client.get(policyKey(prefix, id)).exec();
    const kv = res.kvs[0];
    return kv ? { policy: policyFromEtcd(kv.value.toString('utf8'), kv.mod_revision), modRevision: Number(kv.mod_revision) } : { policy: null, modRevision: 0 };
  }

  /** The audit entries of `id` (or all) newest first, below `before`, at most `limit`. */
  async function auditRange(q: AuditQuery): Promise<AuditEntry[]> {
    const keyPrefix = q.policyId === undefined ? auditPrefix : `${auditPrefix}${q.policyId}/`;
    const out: AuditEntry[] = [];
    let below = q.before;
    for (;;) {
      let range = client.getAll().prefix(keyPrefix).sort('Mod', 'Descend').limit(q.limit);
      if (below !== undefined) range = range.maxModRevision(String(below - 1));
      const res = await range.exec();
      for (const kv of res.kvs) {
        // Ids may contain "/": `audit/service:a/` also holds the entries of `service:a/b`; keep only our own.
        const rest = kv.key.toString('utf8').slice(keyPrefix.length);
        if (q.policyId !== undefined && !AUDIT_SUFFIX.test(rest)) continue;
        out.push(auditFrom(kv));
        if (out.length === q.limit) return out;
      }
      if (!res.more || res.kvs.length === 0) return out;
      below = Number(res.kvs.at(-1)!.mod_revision); // every audit key has its own revision: one per transaction
    }
  }

  async function commit(raw: Intent, resolveOp?: () => Promise<Operation>): Promise<Policy> {
    const checked = validateIntent(raw);
    return guarded(async () => {
      const { policy: current, modRevision } = await read(checked.id);
      const intent = resolveOp ? { ...checked, op: await resolveOp() } : checked;
      const { policy: next, audit } = planChange(intent, current, new Date());
      const key = policyKey(prefix, intent.id);
      const txn = await client
        .if(key, 'Mod', '==', modRevision)
        .and(policyAuditKey(prefix, intent.id, next.version), 'Create', '==', 0)
        .then(client.put(key).value(JSON.stringify(next)), client.put(policyAuditKey(prefix, intent.id, next.version)).value(JSON.stringify(audit)))
        .else(client.get(key))
        .commit();
      if (txn.succeeded) return { ...next, revision: Number(txn.header.revision) };
      const kv = txn.responses[0]?.response_range?.kvs[0];
      const now = kv ? policyFromEtcd(kv.value.toString('utf8'), kv.mod_revision) : null;
      if (now && sameJson(JSON.parse(JSON.stringify(StoredPolicy.parse(now))), JSON.parse(JSON.stringify(next)))) return now; // our own retried write
      if (now && Number(kv!.mod_revision) === modRevision) {
        throw new StoreDataError(`${NAME}: ${policyAuditKey(prefix, intent.id, next.version)} exists although ${intent.id} is at version ${current?.version ?? 0}: the etcd data was changed outside Switchyard`);
      }
      throw new ConflictError(intent.id, intent.expectedVersion, now);
    });
  }

  const intent = (id: string, op: Operation, expectedVersion: number, reason: string, actor: string): Intent => ({ id, op, expectedVersion, reason, actor });

  return {
    name: NAME,
    list: () =>
      guarded(async () => {
        const res = await client.getAll().prefix(policiesPrefix).exec();
        return res.kvs.map((kv) => policyFromEtcd(kv.value.toString('utf8'), kv.mod_revision)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      }),
    get: (id) => guarded(async () => (await read(id)).policy),
    write: (id, w: PolicyWrite, actor) => commit(intent(id, { kind: 'write', write: w }, w.expectedVersion, w.reason, actor)),
    remove: (id, v, reason, actor) => commit(intent(id, { kind: 'delete' }, v, reason, actor)),
    restore: (id, auditRevision, v, reason, actor) =>
      commit(intent(id, { kind: 'restore', entry: null, auditRevision }, v, reason, actor), async () => {
        const exact = Number.isSafeInteger(auditRevision) && auditRevision > 0;
        const [entry] = exact ? await auditRange({ policyId: id, limit: 1, before: auditRevision + 1 }) : [];
        return { kind: 'restore', auditRevision, entry: entry?.revision === auditRevision ? entry : null };
      }),
    promote: (id, v, reason, actor) => commit(intent(id, { kind: 'promote' }, v, reason, actor)),
    rollback: (id, v, reason, actor) => commit(intent(id, { kind: 'rollback' }, v, reason, actor)),
    audit: async (q) => {
      checkAuditQuery(q);
      return guarded(() => auditRange(q));
    },
    watch(fromRevision, onEvent, onError) {
      checkFromRevision(fromRevision);
      if (closed) throw new StoreUnavailableError(NAME, 'the store is closed');
      const stop = watchEtcdPolicies({ client, keyPrefix: policiesPrefix, fromRevision, onEvent, onError: (err) => onError?.(failure(err)) });
      const unsubscribe = () => {
        stops.delete(unsubscribe);
        stop();
      };
      stops.add(unsubscribe);
      return unsubscribe;
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const stop of [...stops]) stop();
      client.close();
    },
  };
}
