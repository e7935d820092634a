import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { policyAfter } from '@/lib/policy/history';
import { StoreUnavailableError } from './errors';
import { createFilePolicyStore } from './file-store';
import type { PolicyStore } from './port';
import { policyStoreContract } from './store-contract';
import { allAudit, put, rejection } from './store-contract-helpers';

const root = mkdtempSync(join(tmpdir(), 'switchyard-policies-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const dirs = new Map<PolicyStore, string>();
let n = 0;
const storeIn = (dir: string) => {
  const s = createFilePolicyStore({ dir });
  dirs.set(s, dir);
  return s;
};

policyStoreContract('file store', {
  fresh: async () => storeIn(join(root, `contract-${n++}`)),
  reopen: async (s) => {
    await s.close();
    return storeIn(dirs.get(s)!);
  },
});

describe('file store on disk', () => {
  const open: PolicyStore[] = [];
  const store = (dir: string) => {
    const s = storeIn(dir);
    open.push(s);
    return s;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  const lines = (dir: string) => readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n').filter(Boolean);
  const state = (dir: string) => JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { revision: number; policies: unknown[] };

  it('writes one audit line per accepted write and a state file at the same revision, creating nothing before first use', async () => {
    const dir = join(root, `disk-${n++}`);
    const s = store(dir);
    expect(() => readFileSync(join(dir, 'state.json'))).toThrow(/ENOENT/);
    await put(s, 'a', 0);
    await rejection(put(s, 'a', 0), Error);
    const a2 = await put(s, 'a', 1, 70);
    expect(lines(dir)).toHaveLength(2);
    expect(state(dir)).toEqual({ format: 1, revision: 2, policies: [JSON.parse(JSON.stringify(a2))] });
  });

  it('rolls forward a logged write whose state file was never written, and cuts a torn last line', async () => {
    const dir = join(root, `disk-${n++}`);
    const s = store(dir);
    const a1 = await put(s, 'a', 0);
    const a2 = await put(s, 'a', 1, 70);
    await s.close();
    // As if the process died after appending a2 but before the checkpoint: state.json back at a1.
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ format: 1, revision: 1, policies: [a1] }));
    appendFileSync(join(dir, 'audit.jsonl'), '{"policyId":"service:a","vers'); // and a later append torn mid-line
    const t = store(dir);
    expect(await t.get('service:a')).toEqual(a2);
    expect(state(dir).revision).toBe(2);
    expect(lines(dir)).toHaveLength(2);
    expect((await put(t, 'a', 2, 80)).revision).toBe(3);
    expect(lines(dir).map((l) => JSON.parse(l).revision)).toEqual([1, 2, 3]);
  });

  it('refuses a log with a bad line in the middle, or a state file that disagrees with it', async () => {
    const dir = join(root, `disk-${n++}`);
    const s = store(dir);
    await put(s, 'a', 0);
    await put(s, 'a', 1, 70);
    await s.close();
    const good = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    const [l1, l2] = good.split('\n');
    writeFileSync(join(dir, 'audit.jsonl'), `${l1}\n{oops\n${l2}\n`);
    expect((await rejection(store(dir).list(), StoreUnavailableError)).message).toMatch(/corrupt: line 2/);
    writeFileSync(join(dir, 'audit.jsonl'), good);
    const st = state(dir);
    (st.policies[0] as { reason: string }).reason = 'edited by hand';
    writeFileSync(join(dir, 'state.json'), JSON.stringify(st));
    expect((await rejection(store(dir).list(), StoreUnavailableError)).message).toMatch(/disagrees/);
  });

  it('keeps a second process out with the lock file, and takes over the lock of a dead one', async () => {
    const dir = join(root, `disk-${n++}`);
    const s = store(dir);
    await put(s, 'a', 0);
    // Another live process (our parent, the vitest runner) holds the lock.
    const lock = join(dir, 'LOCK');
    const mine = readFileSync(lock, 'utf8');
    await s.close();
    const hostname = JSON.parse(mine).host as string;
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: hostname, token: 'other', since: 'earlier' }));
    expect((await rejection(store(dir).list(), StoreUnavailableError)).message).toContain(`in use by process ${process.ppid}`);
    // A lock whose process is gone is stale.
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname, token: 'dead', since: 'earlier' }));
    const t = store(dir);
    expect((await t.list()).map((p) => p.id)).toEqual(['service:a']);
    // A second store on the same directory in this process is refused too.
    expect((await rejection(store(dir).list(), StoreUnavailableError)).message).toMatch(/already open in this process/);
  });

  it('stops writing when another process takes the lock away', async () => {
    const dir = join(root, `disk-${n++}`);
    const s = store(dir);
    await put(s, 'a', 0);
    const lock = JSON.parse(readFileSync(join(dir, 'LOCK'), 'utf8'));
    writeFileSync(join(dir, 'LOCK'), JSON.stringify({ ...lock, token: 'thief' }));
    expect((await rejection(put(s, 'a', 1, 60), StoreUnavailableError)).message).toMatch(/lost the lock/);
    expect(lines(dir)).toHaveLength(1);
  });

  it('rebuilds exactly the state file from the log alone', async () => {
    const dir = join(root, `disk-${n++}`);
    const s = store(dir);
    await put(s, 'a', 0);
    await put(s, 'b', 0);
    await s.remove('service:a', 1, 'drop a', 'bob');
    const expected = await s.list();
    const audit = await allAudit(s);
    await s.close();
    rmSync(join(dir, 'state.json'));
    const t = store(dir);
    expect(await t.list()).toEqual(expected);
    const latest = new Map<string, ReturnType<typeof policyAfter>>();
    for (const e of [...audit].reverse()) latest.set(e.policyId, policyAfter(e));
    expect([...latest.values()].sort((x, y) => x.id.localeCompare(y.id))).toEqual(expected);
  });
});
