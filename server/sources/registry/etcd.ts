import 'server-only';
import { Etcd3, GRPCDeadlineExceededError, type IKeyValue, type IWatchResponse, type Watcher } from 'etcd3';
import type { RegistryInstance } from '@/lib/schemas/registry';
import { SourceFailure, sourceTimeout, sourceUnavailable } from '@/server/runtime/errors';
import { parseEntry } from './etcd-value';
import { Listeners } from './listeners';
import type { RegistrySource } from './port';

export interface EtcdRegistryOptions {
  endpoints: string[];
  prefix?: string;
  dialTimeoutMs?: number;
}

export interface EtcdRegistry extends RegistrySource {
  /**
   * Keys under the prefix whose value could not be read, with why. A malformed registration is skipped
   * rather than failing list(): one service writing garbage must not hide the rest of the fleet. It is
   * kept here (and logged once per new problem) so the missing instance has a visible explanation; it
   * clears when the key is fixed or deleted.
   */
  readonly problems: ReadonlyMap<string, string>;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 10_000;

class Timeout extends Error {}

/**
 * An etcd registry (go-kratos or go-micro layout) kept as a live in-memory view: a full load of the
 * prefix, then a watch from the load's revision + 1, so no change between the two is missed. Reads are
 * served from memory once warm. When the watch breaks (etcd restarted, history compacted), the view
 * stays readable and the whole load-then-watch cycle runs again, retried with backoff until etcd answers:
 * a fresh snapshot is simpler to trust than replaying a watch that may have lost events (a compacted
 * revision cancels the watch outright).
 *
 * etcd3's per-host circuit breaker (open for 5 s after three failed attempts, i.e. one failed call with
 * its retries) stays: it can delay the reload by a few seconds after etcd returns, which is well inside
 * a registration lease (15 s for go-kratos), and reads keep serving the last view meanwhile.
 */
export function createEtcdRegistry(opts: EtcdRegistryOptions): EtcdRegistry {
  const name = 'registry:etcd';
  const prefix = opts.prefix ?? '/microservices/';
  const dialMs = opts.dialTimeoutMs ?? 3000;
  const where = opts.endpoints.join(', ');
  const client = new Etcd3({
    hosts: opts.endpoints,
    // etcd3 1.1.2 ignores its dialTimeout option; a deadline per unary call bounds a dead or silent
    // etcd instead. Watch streams live for hours, so they get none.
    defaultCallOptions: (ctx) => (ctx.isStream ? {} : { deadline: Date.now() + dialMs }),
    // Without keepalives a half-open connection (etcd's host vanished, no RST) leaves the watch silent
    // and the view stale forever; with them the stream fails and the view is reloaded. 30 s stays well
    // above etcd's default --grpc-keepalive-min-time (5 s), below which etcd drops the connection.
    grpcOptions: { 'grpc.keepalive_time_ms': 30_000, 'grpc.keepalive_timeout_ms': 10_000 },
  });
  const listeners = new Listeners();
  const instances = new Map<string, RegistryInstance>(); // by etcd key
  const problems = new Map<string, string>(); // by etcd key
  let watcher: Watcher | null = null;
  let warm = false; // a snapshot has been loaded: reads no longer wait
  let live = false; // the watch of the current snapshot is connected
  let syncing: Promise<void> | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let retryMs = RETRY_MIN_MS;
  let closed = false;

  const failure = (err: unknown): SourceFailure => {
    if (err instanceof SourceFailure) return err;
    if (err instanceof Timeout || err instanceof GRPCDeadlineExceededError) return sourceTimeout(name, `etcd at ${where} did not answer within ${dialMs} ms`, err);
    return sourceUnavailable(name, `cannot reach etcd at ${where}: ${err instanceof Error ? err.message : String(err)}`, err);
  };

  const put = (kv: IKeyValue, known: ReadonlyMap<string, string>) => {
    const key = kv.key.toString('utf8');
    const parsed = parseEntry(key, kv.value.toString('utf8'), prefix);
    if (parsed.ok) {
      instances.set(key, parsed.instance);
      problems.delete(key);
      return;
    }
    instances.delete(key);
    if (known.get(key) !== parsed.problem) console.warn(`[switchyard] ${name}: skipping ${JSON.stringify(key)}: ${parsed.problem}`);
    problems.set(key, parsed.problem);
  };

  const onData = (w: Watcher, res: IWatchResponse) => {
    if (w !== watcher || res.events.length === 0) return; // progress notifications carry no events
    for (const ev of res.events) {
      if (String(ev.type).toLowerCase() === 'delete') {
        const key = ev.kv.key.toString('utf8');
        instances.delete(key);
        problems.delete(key);
      } else put(ev.kv, problems);
    }
    listeners.notify();
  };

  const onLost = (w: Watcher, err: unknown) => {
    if (w !== watcher || !live) return; // a failure while connecting is handled by sync()
    live = false;
    watcher = null;
    void w.cancel().catch(() => undefined);
    console.warn(`[switchyard] ${name}: watch on ${where} lost (${err instanceof Error ? err.message : String(err)}); reloading ${prefix} when etcd answers`);
    scheduleRetry(0);
  };

  async function sync(): Promise<void> {
    const res = await client.getAll().prefix(prefix).exec();
    if (closed) return;
    const before = new Map(problems);
    instances.clear();
    problems.clear();
    for (const kv of res.kvs) put(kv, before);
    warm = true;
    listeners.notify();

    const w = client.watch().prefix(prefix).startRevision(String(BigInt(res.header.revision) + 1n)).watcher();
    watcher = w;
    w.on('data', (r: IWatchResponse) => onData(w, r));
    w.on('disconnected', (err: unknown) => onLost(w, err));
    w.on('error', (err: unknown) => onLost(w, err));
    try {
      // watcher() rather than create(): create() only settles on success, and while etcd is down the
      // watch manager would retry forever with no handle for us to cancel.
      await within(
        new Promise<void>((resolve, reject) => {
          w.once('connected', () => resolve());
          w.once('disconnected', reject);
          w.once('error', reject);
        }),
        dialMs,
      );
    } catch (err) {
      watcher = null;
      void w.cancel().catch(() => undefined);
      throw err;
    }
    if (closed) return void w.cancel().catch(() => undefined);
    live = true;
    retryMs = RETRY_MIN_MS;
  }

  /** The sync in flight, or a new one. A failed sync is forgotten (the next read retries) and retried in the background. */
  function kick(): Promise<void> {
    syncing ??= sync().then(
      () => {
        syncing = null;
      },
      (err) => {
        syncing = null;
        scheduleRetry(retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
        throw failure(err);
      },
    );
    return syncing;
  }

  function scheduleRetry(delayMs: number) {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      kick().catch(() => undefined);
    }, delayMs);
    retryTimer.unref(); // a registry retrying in the background must not keep the process alive
  }

  async function ready(signal?: AbortSignal): Promise<void> {
    if (closed) throw sourceUnavailable(name, 'the registry client is closed');
    if (warm) return; // served from memory; during a reconnect this is the last known view
    if (retryTimer) {
      // A reader is waiting: try now rather than at the end of the backoff.
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    try {
      await within(kick(), dialMs, signal);
    } catch (err) {
      throw failure(err);
    }
  }

  const snapshot = () => [...instances.values()].sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  kick().catch(() => undefined); // warm up before the first request; failures are retried
  return {
    name,
    get problems() {
      return problems;
    },
    async list(signal) {
      await ready(signal);
      return snapshot();
    },
    async services(signal) {
      await ready(signal);
      return [...new Set([...instances.values()].map((i) => i.service))].sort();
    },
    subscribe: (fn) => listeners.add(fn),
    async close() {
      closed = true;
      live = false;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const w = watcher;
      watcher = null;
      // Cancelling waits for etcd's acknowledgement; never let a dead etcd hang shutdown.
      if (w) await within(w.cancel(), dialMs).catch(() => undefined);
      client.close();
    },
  };
}

/** p, or a Timeout after `ms`, or the abort reason when `signal` aborts first. */
function within<T>(p: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => done(() => reject(new Timeout())), ms);
    const onAbort = () => done(() => reject(sourceTimeout('registry:etcd', 'the request was aborted before etcd answered')));
    const done = (fn: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      fn();
    };
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => done(() => resolve(v)),
      (e) => done(() => reject(e)),
    );
  });
}
