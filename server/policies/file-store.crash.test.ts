import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { policyAfter } from '@/lib/policy/history';
import { AuditEntry, type Policy } from '@/lib/schemas/policy';
import { StateFile } from './file-disk';
import { createFilePolicyStore } from './file-store';
import { allAudit } from './store-contract-helpers';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'switchyard-policy-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Ack {
  id: string;
  version: number;
  revision: number;
}

/** Starts crash-writer.ts on `dir`, SIGKILLs it `delayMs` after its first acknowledged write, returns what it acknowledged. */
async function runAndKill(delayMs: number): Promise<Ack[]> {
  // node itself with tsx's loader (not the tsx binary, which would run the writer in a grandchild the kill misses).
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', join(ROOT, 'server/policies/crash-writer.ts'), dir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const firstAck = new Promise<void>((resolveFirst, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('\n')) resolveFirst();
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.once('exit', (code) => reject(new Error(`the writer exited (${code}) before any acknowledged write: ${err}`)));
  });
  const startup = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await firstAck.finally(() => clearTimeout(startup));
  try {
    await new Promise((r) => setTimeout(r, delayMs));
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  // Only whole lines: a line is printed in one write() to the pipe, after the store acknowledged it.
  return out
    .split('\n')
    .slice(0, -1)
    .map((l) => {
      const [id, version, revision] = l.split(' ');
      return { id: id!, version: Number(version), revision: Number(revision) };
    });
}

describe('file store crash safety', () => {
  it('survives SIGKILL at random moments: parses, holds every acknowledged version, and its audit log matches its state', { timeout: 240_000 }, async () => {
    const ITERATIONS = 30;
    let lastAcked = 0;
    let rolledForward = 0;
    for (let i = 0; i < ITERATIONS; i++) {
      const acks = await runAndKill(Math.floor(Math.random() * 120));
      expect(acks.length).toBeGreaterThan(0);
      // Revisions continue across restarts: the child recovered what the previous one left.
      expect(acks[0]!.revision).toBeGreaterThan(lastAcked);
      lastAcked = acks.at(-1)!.revision;

      // The raw files, before any recovery: the checkpoint is whole (atomic rename), the log at most torn at its end.
      const state = StateFile.parse(JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')));
      const lines = readFileSync(join(dir, 'audit.jsonl'), 'utf8').split('\n');
      const whole = lines.slice(0, -1).map((l) => AuditEntry.parse(JSON.parse(l)));
      expect(whole.map((e) => e.revision)).toEqual(whole.map((_, k) => k + 1));
      expect(state.revision).toBeLessThanOrEqual(whole.length);
      expect(whole.length).toBeGreaterThanOrEqual(lastAcked);
      if (state.revision < whole.length) rolledForward++;

      const store = createFilePolicyStore({ dir });
      try {
        const audit = (await allAudit(store)).reverse();
        const policies = await store.list();
        // At least the last acknowledged write, and at most the one write that was in flight.
        expect(audit.length).toBeGreaterThanOrEqual(lastAcked);
        expect(audit.length).toBeLessThanOrEqual(lastAcked + 1);
        for (const ack of acks) expect(audit[ack.revision - 1]).toMatchObject({ policyId: ack.id, version: ack.version, revision: ack.revision });
        const lastPerId = new Map(acks.map((a) => [a.id, a]));
        for (const [id, ack] of lastPerId) expect((await store.get(id))!.version).toBeGreaterThanOrEqual(ack.version);
        // The state is exactly the log replayed.
        const replay = new Map<string, Policy>();
        for (const e of audit) replay.set(e.policyId, policyAfter(e));
        expect(policies).toEqual([...replay.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
        lastAcked = audit.length;
      } finally {
        await store.close();
      }
    }
    // Evidence the test reached the interesting window (logged but not checkpointed) at least sometimes.
    console.log(`[crash test] ${ITERATIONS} kills, ${lastAcked} writes in the log, ${rolledForward} kills between the audit append and the checkpoint`);
  });
});
