import 'server-only';
import { open, readFile, rename, rm, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AuditEntry, Policy } from '@/lib/schemas/policy';

/**
 * The file store's two files and the only ways they are written. `audit.jsonl` is the write-ahead log:
 * one AuditEntry per line, appended and fsynced before anything else changes. `state.json` is a
 * checkpoint of the policies at a revision, replaced atomically (temp file, fsync, rename, fsync dir),
 * so a reader sees the old or the new file, never a mix. See docs/policies.md for why this order.
 */
export const STATE_FILE = 'state.json';
export const AUDIT_FILE = 'audit.jsonl';
const TMP_SUFFIX = '.tmp';

export const StateFile = z.object({
  format: z.literal(1),
  revision: z.number().int().nonnegative(),
  policies: z.array(Policy),
});
export type StateFile = z.infer<typeof StateFile>;

/** fsync of the directory makes a rename or a newly created file survive a power loss. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function readStateFile(dir: string): Promise<StateFile | null> {
  let text: string;
  try {
    text = await readFile(join(dir, STATE_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  const parsed = StateFile.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${join(dir, STATE_FILE)} is not a policy state file: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`);
  return parsed.data;
}

export async function writeStateFile(dir: string, state: StateFile): Promise<void> {
  const path = join(dir, STATE_FILE);
  const tmp = path + TMP_SUFFIX;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(JSON.stringify(state));
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await fsyncDir(dir);
}

/** A leftover temp file is a checkpoint that never became current: it is ignored and removed. */
export async function removeStaleTemp(dir: string): Promise<void> {
  await rm(join(dir, STATE_FILE + TMP_SUFFIX), { force: true });
}

export interface AuditLog {
  entries: AuditEntry[];
  /** Bytes of whole, valid lines; what follows them is a torn last append. */
  validBytes: number;
  tornBytes: number;
}

/**
 * Reads the log. Only the end may be bad: a crash during the last append (which was therefore never
 * acknowledged) leaves a partial line, or on some file systems zeros. A bad line with good lines after
 * it is real corruption, and throws rather than guess.
 */
export async function readAuditLog(dir: string): Promise<AuditLog> {
  let buf: Buffer;
  try {
    buf = await readFile(join(dir, AUDIT_FILE));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], validBytes: 0, tornBytes: 0 };
    throw err;
  }
  const entries: AuditEntry[] = [];
  let offset = 0;
  let firstBad: { offset: number; line: number; problem: string } | null = null;
  let lineNo = 0;
  while (offset < buf.length) {
    lineNo++;
    const nl = buf.indexOf(0x0a, offset);
    const end = nl === -1 ? buf.length : nl + 1;
    const problem = nl === -1 ? 'no end of line' : lineProblem(buf.subarray(offset, nl).toString('utf8'), entries);
    if (problem !== null) firstBad ??= { offset, line: lineNo, problem };
    else if (firstBad) {
      throw new Error(`${join(dir, AUDIT_FILE)} is corrupt: line ${firstBad.line} (${firstBad.problem}) is followed by valid entries; refusing to guess`);
    }
    offset = end;
  }
  const validBytes = firstBad ? firstBad.offset : buf.length;
  return { entries, validBytes, tornBytes: buf.length - validBytes };

  function lineProblem(line: string, into: AuditEntry[]): string | null {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      return 'not JSON';
    }
    const parsed = AuditEntry.safeParse(json);
    if (!parsed.success) return `not an audit entry (${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message})`;
    into.push(parsed.data);
    return null;
  }
}

/** Cuts a torn tail off, durably, so the next append starts on a line boundary. */
export async function truncateAuditLog(dir: string, size: number): Promise<void> {
  await truncate(join(dir, AUDIT_FILE), size);
  const fh = await open(join(dir, AUDIT_FILE), 'r+');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Creates an empty log if there is none, durably (the directory entry too). */
export async function ensureAuditFile(dir: string): Promise<void> {
  const fh = await open(join(dir, AUDIT_FILE), 'a');
  await fh.close();
  await fsyncDir(dir);
}

/** Appends one entry (one line, O_APPEND) and fsyncs it. */
export async function appendAuditLine(dir: string, entry: AuditEntry): Promise<void> {
  const fh = await open(join(dir, AUDIT_FILE), 'a');
  try {
    await fh.writeFile(JSON.stringify(entry) + '\n');
    await fh.sync();
  } finally {
    await fh.close();
  }
}
