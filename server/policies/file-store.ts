import 'server-only';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { sameJson } from '@/lib/policy/diff';
import { policyAfter } from '@/lib/policy/history';
import type { AuditEntry, Policy, PolicyWrite } from '@/lib/schemas/policy';
import { StoreUnavailableError } from './errors';
import { appendAuditLine, ensureAuditFile, readAuditLog, readStateFile, removeStaleTemp, truncateAuditLog, writeStateFile } from './file-disk';
import { lockDir, type DirLock } from './file-lock';
import { planChange, validateIntent, type Intent, type Operation } from './plan';
import type { AuditQuery, PolicyEvent, PolicyStore } from './port';
import { checkAuditQuery, checkFromRevision } from './queries';

export interface FilePolicyStoreOptions {
  /** The state directory (created if missing); relative paths are from the working directory. */
  dir: string;
}

interface Loaded {
  revision: number;
  policies: Map<string, Policy>;
  /** Every audit entry, entries[i].revision === i + 1: restore and watch replay read it. */
  entries: AuditEntry[];
  lock: DirLock;
}

const NAME = 'policies:file';
const WATCH_RETRY_MS = 1_000;

/**
 * The embedded store (no etcd configured). The audit log is the write-ahead log and the source of
 * truth; state.json is a checkpoint of it. A write, under an in-process mutex and the directory lock:
 *   1. append the audit line (the full new state of the policy) to audit.jsonl, fsync;
 *   2. write state.json.tmp, fsync, rename over state.json, fsync the directory;
 *   3. apply in memory, notify watchers, acknowledge.
 * A crash after 1 leaves a logged write that was never acknowledged; opening the store rolls it
 * forward (it is complete in the log), so the log and the state always agree and nothing
 * acknowledged is missing. A crash inside 1 leaves a torn last line, cut off on open. Any I/O error
 * during a write stops the store (every call then fails) until it is reopened, because after a failed
 * fsync what is on disk is unknown; reopening recovers from the files. Opening also checks that the
 * state file equals the replay of the log at its revision, so a tampered or corrupt file is reported,
 * not served.
 */
export function createFilePolicyStore(opts: FilePolicyStoreOptions): PolicyStore {
  const dir = resolve(opts.dir);
  let opening: Promise<Loaded> | null = null;
  let failed: Error | null = null;
  let closed = false;
  let tail: Promise<unknown> = Promise.resolve();
  const listeners = new Set<(e: PolicyEvent) => void>();

  const unavailable = (what: string, err: unknown) =>
    err instanceof StoreUnavailableError ? err : new StoreUnavailableError(NAME, `${what} in ${dir}: ${err instanceof Error ? err.message : String(err)}`, err);

  async function load(): Promise<Loaded> {
    await mkdir(dir, { recursive: true });
    const lock = await lockDir(dir, NAME);
    try {
      await removeStaleTemp(dir);
      const log = await readAuditLog(dir);
      if (log.tornBytes > 0) {
        console.warn(`[switchyard] ${NAME}: cutting ${log.tornBytes} bytes of an unfinished audit append off ${dir}/audit.jsonl (that write was never acknowledged)`);
        await truncateAuditLog(dir, log.validBytes);
      }
      await ensureAuditFile(dir);
      const state = await readStateFile(dir);
      const last = log.entries.length;
      if (state && state.revision > last) throw new Error(`state.json is at revision ${state.revision} but audit.jsonl ends at ${last}: the log lost entries; refusing to start`);
      const policies = new Map<string, Policy>();
      for (const [i, e] of log.entries.entries()) {
        if (e.revision !== i + 1) throw new Error(`audit.jsonl line ${i + 1} has revision ${e.revision}, expected ${i + 1}`);
        const prev = policies.get(e.policyId)?.version ?? 0;
        if (e.version !== prev + 1) throw new Error(`audit.jsonl line ${i + 1}: ${e.policyId} version ${e.version} follows version ${prev}`);
        policies.set(e.policyId, policyAfter(e));
        if (state && e.revision === state.revision) checkCheckpoint(state.policies, policies, state.revision);
      }
      if (state && state.revision === 0) checkCheckpoint(state.policies, policies, 0);
      if (!state || state.revision < last) await writeStateFile(dir, { format: 1, revision: last, policies: sorted(policies) });
      return { revision: last, policies, entries: log.entries, lock };
    } catch (err) {
      await lock.release().catch(() => undefined);
      throw err;
    }
  }

  function ready(): Promise<Loaded> {
    if (closed) return Promise.reject(new StoreUnavailableError(NAME, 'the store is closed'));
    if (failed) return Promise.reject(failed);
    opening ??= load().catch((err) => {
      opening = null; // a later call tries again (the other process may have exited)
      throw unavailable('cannot open the policy store', err);
    });
    return opening;
  }

  /** One write at a time in this process; the lock keeps other processes out. */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  }

  async function commit(raw: Intent, resolveOp?: (s: Loaded) => Operation): Promise<Policy> {
    const checked = validateIntent(raw);
    return exclusive(async () => {
      const s = await ready();
      const intent = resolveOp ? { ...checked, op: resolveOp(s) } : checked;
      const { policy: next, audit } = planChange(intent, s.policies.get(intent.id) ?? null, new Date());
      const revision = s.revision + 1;
      const policy: Policy = { ...next, revision };
      const entry: AuditEntry = { ...audit, revision };
      const policies = new Map(s.policies).set(policy.id, policy);
      try {
        await s.lock.verify();
        await appendAuditLine(dir, entry);
        await writeStateFile(dir, { format: 1, revision, policies: sorted(policies) });
      } catch (err) {
        failed = unavailable('a write failed, so the store stopped until it is reopened (the files are recovered then)', err);
        throw failed;
      }
      s.revision = revision;
      s.policies = policies;
      s.entries.push(entry);
      emit({ type: 'change', policy });
      return policy;
    });
  }

  function emit(e: PolicyEvent) {
    for (const fn of listeners) {
      try {
        fn(e);
      } catch (err) {
        console.error(`[switchyard] ${NAME}: a watcher threw`, err);
      }
    }
  }

  const intent = (id: string, op: Operation, expectedVersion: number, reason: string, actor: string): Intent => ({ id, op, expectedVersion, reason, actor });

  return {
    name: NAME,
    async list() {
      return sorted((await ready()).policies);
    },
    async get(id) {
      return (await ready()).policies.get(id) ?? null;
    },
    write: (id, w: PolicyWrite, actor) => commit(intent(id, { kind: 'write', write: w }, w.expectedVersion, w.reason, actor)),
    remove: (id, v, reason, actor) => commit(intent(id, { kind: 'delete' }, v, reason, actor)),
    restore: (id, auditRevision, v, reason, actor) =>
      commit(intent(id, { kind: 'restore', entry: null, auditRevision }, v, reason, actor), (s) => ({ kind: 'restore', auditRevision, entry: s.entries[auditRevision - 1] ?? null })),
    promote: (id, v, reason, actor) => commit(intent(id, { kind: 'promote' }, v, reason, actor)),
    rollback: (id, v, reason, actor) => commit(intent(id, { kind: 'rollback' }, v, reason, actor)),
    async audit(q: AuditQuery) {
      checkAuditQuery(q);
      const s = await ready();
      const out: AuditEntry[] = [];
      const start = Math.min(s.entries.length, (q.before ?? Infinity) - 1);
      for (let i = start - 1; i >= 0 && out.length < q.limit; i--) {
        const e = s.entries[i]!;
        if (q.policyId === undefined || e.policyId === q.policyId) out.push(e);
      }
      return out;
    },
    watch(fromRevision, onEvent, onError) {
      checkFromRevision(fromRevision);
      let active = true;
      let retry: NodeJS.Timeout | null = null;
      const listener = (e: PolicyEvent) => onEvent(e); // its own identity: one callback may watch twice
      const start = () => {
        ready().then(
          (s) => {
            if (!active) return;
            // Synchronous from here to the subscription: no write can land between the replay and it.
            if (fromRevision === 0 || fromRevision > s.revision) onEvent({ type: 'snapshot', revision: s.revision, policies: sorted(s.policies) });
            else for (const e of s.entries.slice(fromRevision)) onEvent({ type: 'change', policy: policyAfter(e) });
            listeners.add(listener);
          },
          (err: Error) => {
            if (!active) return;
            onError?.(err);
            if (!closed) retry = setTimeout(start, WATCH_RETRY_MS);
          },
        );
      };
      start();
      return () => {
        active = false;
        if (retry) clearTimeout(retry);
        listeners.delete(listener);
      };
    },
    async close() {
      if (closed) return;
      closed = true;
      listeners.clear();
      const s = await opening?.catch(() => null);
      await tail;
      await s?.lock.release();
    },
  };
}

function sorted(policies: ReadonlyMap<string, Policy>): Policy[] {
  return [...policies.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function checkCheckpoint(saved: Policy[], replayed: ReadonlyMap<string, Policy>, revision: number) {
  if (!sameJson(JSON.parse(JSON.stringify(saved)), JSON.parse(JSON.stringify(sorted(replayed))))) {
    throw new Error(`state.json disagrees with the replay of audit.jsonl at revision ${revision}; one of them was changed by hand or is corrupt`);
  }
}
