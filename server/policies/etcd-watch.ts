import 'server-only';
import type { Etcd3, IKeyValue, IWatchResponse, Watcher } from 'etcd3';
import { policyFromEtcd, type Policy } from '@/lib/schemas/policy';
import type { PolicyEvent } from './port';

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

export interface EtcdWatchOptions {
  client: Etcd3;
  /** `<prefix>policies/`. */
  keyPrefix: string;
  fromRevision: number;
  onEvent: (e: PolicyEvent) => void;
  onError: (err: unknown) => void;
}

/**
 * A resumable watch of the policy keys. It tracks the last revision it delivered and, whatever breaks
 * (etcd restarted, the connection dropped), opens a new etcd watch from the next one, so a change is
 * delivered once and none is skipped. etcd3's own reconnection is not used for that: it advances its
 * start revision to the header revision of the `created` answer, which can skip events a catch-up watch
 * had not delivered yet. A watch etcd cancels (its start revision compacted away) and a revision etcd
 * never reached (another cluster, or a reset one) are answered with a fresh snapshot: the current set is
 * then all the client needs, though the versions in between are not replayed.
 */
export function watchEtcdPolicies(o: EtcdWatchOptions): () => void {
  let last = o.fromRevision;
  let needSnapshot = o.fromRevision === 0;
  let watcher: Watcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  let retryMs = RETRY_MIN_MS;
  let stopped = false;

  const parse = (kv: IKeyValue): Policy | null => {
    try {
      return policyFromEtcd(kv.value.toString('utf8'), kv.mod_revision);
    } catch (err) {
      console.warn(`[switchyard] policies:etcd: skipping ${JSON.stringify(kv.key.toString('utf8'))}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    }
  };

  const deliver = (e: PolicyEvent) => {
    try {
      o.onEvent(e);
    } catch (err) {
      console.error('[switchyard] policies:etcd: a watcher threw', err);
    }
  };

  async function snapshot(): Promise<void> {
    const res = await o.client.getAll().prefix(o.keyPrefix).exec();
    if (stopped) return;
    const policies = res.kvs.flatMap((kv) => parse(kv) ?? []).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    last = Number(res.header.revision);
    needSnapshot = false;
    deliver({ type: 'snapshot', revision: last, policies });
  }

  function onData(w: Watcher, res: IWatchResponse) {
    if (w !== watcher || stopped) return;
    for (const ev of res.events) {
      const rev = Number(ev.kv.mod_revision);
      if (rev <= last) continue; // already delivered before a reconnect
      last = rev;
      if (String(ev.type).toLowerCase() === 'delete') {
        // The store never deletes keys (tombstones); someone removed one by hand.
        console.warn(`[switchyard] policies:etcd: ${ev.kv.key.toString('utf8')} was deleted outside Switchyard; watchers keep its last version`);
        continue;
      }
      const p = parse(ev.kv);
      if (p) deliver({ type: 'change', policy: p });
    }
  }

  function lost(w: Watcher, err: unknown, cancelledByEtcd: boolean) {
    if (w !== watcher || stopped) return;
    watcher = null;
    void w.cancel().catch(() => undefined);
    if (cancelledByEtcd) needSnapshot = true; // e.g. the start revision was compacted
    o.onError(err);
    schedule();
  }

  async function connect(): Promise<void> {
    if (stopped) return;
    try {
      if (needSnapshot) await snapshot();
      else {
        const head = Number((await o.client.get(o.keyPrefix).exec()).header.revision);
        if (last > head) await snapshot(); // a revision this cluster never reached
      }
      if (stopped) return;
      const w = o.client.watch().prefix(o.keyPrefix).startRevision(String(last + 1)).watcher();
      watcher = w;
      w.on('connected', () => (retryMs = RETRY_MIN_MS));
      w.on('data', (res: IWatchResponse) => onData(w, res));
      w.on('disconnected', (err: unknown) => lost(w, err, false));
      w.on('error', (err: unknown) => lost(w, err, true));
    } catch (err) {
      if (stopped) return;
      o.onError(err);
      schedule();
    }
  }

  function schedule() {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
  }

  void connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    const w = watcher;
    watcher = null;
    if (w) void w.cancel().catch(() => undefined);
  };
}
