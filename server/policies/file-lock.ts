import 'server-only';
import { randomUUID } from 'node:crypto';
import { open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { StoreUnavailableError } from './errors';
import { fsyncDir } from './file-disk';

/**
 * One writer process per state directory, like an embedded database's LOCK file. Node has no flock(),
 * so the lock is a file naming its owner (pid, host, a random token), created with O_EXCL. A lock
 * whose process is gone on this host (killed, crashed) is stale and taken over by an atomic rename;
 * a live owner, or an owner on another host (no way to check it), keeps the directory. Every write
 * re-reads the file and stops if the token is no longer ours (someone removed or took the lock), so
 * two processes never both append to one log. The one race left is two processes taking over the same
 * stale lock in the same instant; the token check then stops the loser at its first write.
 */
const LOCK_FILE = 'LOCK';
const LockContent = z.object({ pid: z.number().int(), host: z.string(), token: z.string(), since: z.string() });

const HELD = Symbol.for('switchyard.policy-dir-locks');
/** Directories this process has open: a second store on one of them is a bug, not a stale lock. */
function held(): Set<string> {
  const g = globalThis as { [HELD]?: Set<string> };
  g[HELD] ??= new Set();
  return g[HELD];
}

export interface DirLock {
  /** Throws unless the lock file still holds our token. */
  verify(): Promise<void>;
  release(): Promise<void>;
}

export async function lockDir(dirIn: string, source: string): Promise<DirLock> {
  const dir = resolve(dirIn);
  if (held().has(dir)) throw new StoreUnavailableError(source, `${dir} is already open in this process (close the other store first)`);
  held().add(dir); // at once: a second store of this process opening meanwhile must not see our lock as stale
  try {
    return await acquire(dir, source);
  } catch (err) {
    held().delete(dir);
    throw err;
  }
}

async function acquire(dir: string, source: string): Promise<DirLock> {
  const path = join(dir, LOCK_FILE);
  const mine = { pid: process.pid, host: hostname(), token: randomUUID(), since: new Date().toISOString() };
  const text = JSON.stringify(mine);

  try {
    const fh = await open(path, 'wx');
    try {
      await fh.writeFile(text);
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const owner = await readOwner(path);
    if (owner && alive(owner)) {
      throw new StoreUnavailableError(
        source,
        `${dir} is in use by process ${owner.pid} on ${owner.host} since ${owner.since} (lock file ${path}); run one Switchyard per policy directory, or delete the lock file if that process is gone`,
      );
    }
    // Stale (its process is dead, or the file is empty from a crash while creating it): take it over.
    const tmp = `${path}.${mine.token}`;
    await writeFile(tmp, text);
    await rename(tmp, path);
  }
  await fsyncDir(dir);

  const verify = async () => {
    const owner = await readOwner(path).catch(() => null);
    if (owner?.token !== mine.token) {
      throw new StoreUnavailableError(source, `lost the lock on ${dir}: ${path} ${owner ? `now belongs to process ${owner.pid} on ${owner.host}` : 'is gone'}; restart to reopen the store`);
    }
  };
  await verify(); // a concurrent takeover may have replaced ours between rename and now
  return {
    verify,
    async release() {
      held().delete(dir);
      const owner = await readOwner(path).catch(() => null);
      if (owner?.token === mine.token) await rm(path, { force: true });
    },
  };
}

async function readOwner(path: string): Promise<z.infer<typeof LockContent> | null> {
  try {
    const parsed = LockContent.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch (err) {
    if (err instanceof SyntaxError || (err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** Whether the lock's owner may still be running. Our own pid in a lock we did not take is an earlier life of this process (containers reuse pid 1). */
function alive(owner: z.infer<typeof LockContent>): boolean {
  if (owner.host !== hostname()) return true;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
