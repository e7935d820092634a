import type { Etcd3, IKeyValue, IWatchResponse, Watcher } from 'etcd3';
import { policyKey, StoredPolicy, type Policy } from '../../lib/schemas/policy';

/**
 * The stored policies as a live view, from etcd in the layout lib/schemas/policy.ts defines
 * (`<prefix>policies/<policyId>` → StoredPolicy JSON): read the whole prefix at a revision, then watch from
 * the next one, so no write between the two is missed. Every view carries the store revision it is
 * complete up to.
 *
 * Like server/sources/registry/etcd.ts, the watch is ours to restart, not etcd3's: etcd3 re-attaches a
 * broken watch by itself, but from the revision its last *creation* reported, so a second break
 * before the backlog arrives would skip writes. Instead:
 *  - stream lost (etcd restarting, network): resume from the last revision we applied + 1, which
 *    delivers every write made meanwhile, in order, each version of each policy;
 *  - watch cancelled by etcd (typically: that revision was compacted away) or etcd reporting a
 *    revision older than ours (it lost its data): read the whole prefix again and watch from there.
 * Both retry with backoff until etcd answers; meanwhile the last view stays in force.
 */

export interface PolicyView {
  /** The store revision the view is complete up to. */
  revision: number;
  /** By policy id; tombstones (deleted: true) included, as the store keeps them. */
  policies: ReadonlyMap<string, Policy>;
}

type Log = (msg: string) => void;

const RETRY_MIN_MS = 200;
const RETRY_MAX_MS = 5_000;

export class PolicyWatch {
  private readonly dir: string;
  private readonly policies = new Map<string, Policy>();
  /** Keys whose value we could not read, with why: logged once per new problem. */
  private readonly problems = new Map<string, string>();
  private revision = 0;
  private watcher: Watcher | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryMs = RETRY_MIN_MS;
  private publishing: Promise<void> = Promise.resolve();
  private closed = false;
  private firstLoad: Promise<void> | undefined;

  constructor(
    private readonly client: Etcd3,
    prefix: string,
    private readonly log: Log,
    /** Called with each new view, one at a time, in revision order: one per revision that changed a policy. */
    private readonly onView: (view: PolicyView) => Promise<void> | void,
  ) {
    this.dir = policyKey(prefix.endsWith('/') ? prefix : `${prefix}/`, '');
  }

  /** Resolves once the first full read has been applied (retrying until etcd answers). */
  start(): Promise<void> {
    this.firstLoad ??= new Promise<void>((resolve) => {
      const attempt = () => {
        if (this.closed) return resolve();
        this.load().then(resolve, (err: unknown) => {
          this.log(`policy read failed (${errText(err)}); retrying in ${this.retryMs} ms`);
          setTimeout(attempt, this.backoff()).unref();
        });
      };
      attempt();
    });
    return this.firstLoad;
  }

  /** The revision of the last view handed to onView. */
  get currentRevision(): number {
    return this.revision;
  }

  async stop(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const w = this.watcher;
    this.watcher = null;
    if (w) await Promise.race([w.cancel(), new Promise((r) => setTimeout(r, 1_000).unref())]).catch(() => undefined);
    await this.publishing;
  }

  private async load(): Promise<void> {
    const res = await this.client.getAll().prefix(this.dir).exec();
    if (this.closed) return;
    this.policies.clear();
    for (const kv of res.kvs) this.put(kv);
    this.revision = Number(res.header.revision);
    this.log(`policies read at revision ${this.revision}: ${this.policies.size} stored`);
    await this.publish();
    this.watchFrom(this.revision + 1);
  }

  private watchFrom(startRevision: number): void {
    if (this.closed) return;
    const w = this.client.watch().prefix(this.dir).startRevision(String(startRevision)).watcher();
    this.watcher = w;
    w.on('connected', (res: IWatchResponse) => {
      if (w !== this.watcher) return;
      if (Number(res.header.revision) < this.revision) return this.lost(w, 'reload', `etcd is at revision ${res.header.revision}, behind ours (${this.revision}): it lost its data`);
      this.retryMs = RETRY_MIN_MS;
    });
    w.on('data', (res: IWatchResponse) => {
      if (w !== this.watcher || res.events.length === 0) return; // progress notifications carry no events
      // One view per revision, so every version of every policy is seen, in order; events of one
      // transaction share a revision and make one view.
      res.events.forEach((ev, i) => {
        if (String(ev.type).toLowerCase() === 'delete') {
          const key = ev.kv.key.toString('utf8');
          this.policies.delete(idOf(key, this.dir));
          this.problems.delete(key);
        } else this.put(ev.kv);
        this.revision = Math.max(this.revision, Number(ev.kv.mod_revision));
        if (res.events[i + 1]?.kv.mod_revision !== ev.kv.mod_revision) void this.publish();
      });
    });
    w.on('disconnected', (err: unknown) => this.lost(w, 'resume', errText(err)));
    w.on('error', (err: unknown) => this.lost(w, 'reload', errText(err)));
  }

  private lost(w: Watcher, then: 'resume' | 'reload', why: string): void {
    if (w !== this.watcher || this.closed) return;
    this.watcher = null;
    void w.cancel().catch(() => undefined);
    this.log(`policy watch lost (${why}); ${then === 'resume' ? `resuming from revision ${this.revision + 1}` : 'reading all policies again'}`);
    this.schedule(then);
  }

  private schedule(then: 'resume' | 'reload'): void {
    if (this.closed || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (then === 'resume') return this.watchFrom(this.revision + 1);
      this.load().catch((err: unknown) => {
        this.log(`policy read failed (${errText(err)}); retrying`);
        this.schedule('reload');
      });
    }, this.backoff());
    this.retryTimer.unref();
  }

  private backoff(): number {
    const ms = this.retryMs;
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
    return ms;
  }

  private put(kv: IKeyValue): void {
    const key = kv.key.toString('utf8');
    const id = idOf(key, this.dir);
    let problem: string;
    try {
      const parsed = StoredPolicy.safeParse(JSON.parse(kv.value.toString('utf8')));
      if (parsed.success) {
        // The stored value has no revision: it is the key's mod_revision (lib/schemas/policy.ts). The key
        // names the policy; a value claiming another id is the writer's bug, not a second policy.
        this.policies.set(id, { ...parsed.data, id, revision: Number(kv.mod_revision) });
        this.problems.delete(key);
        return;
      }
      problem = parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');
    } catch (err) {
      problem = `not JSON: ${errText(err)}`;
    }
    // An unreadable value drops that policy rather than keeping a version the store no longer holds.
    this.policies.delete(id);
    if (this.problems.get(key) !== problem) this.log(`ignoring ${key}: ${problem}`);
    this.problems.set(key, problem);
  }

  private publish(): Promise<void> {
    const view: PolicyView = { revision: this.revision, policies: new Map(this.policies) };
    this.publishing = this.publishing
      .then(() => (this.closed ? undefined : this.onView(view)))
      .catch((err: unknown) => this.log(`applying policies at revision ${view.revision} failed: ${errText(err)}`));
    return this.publishing;
  }
}

function idOf(key: string, dir: string): string {
  return key.slice(dir.length);
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
