import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SourceFailure } from '@/server/runtime/errors';
import { createStaticRegistry } from './static';
import { eventually } from '@/server/testing/assertions';

const dirs: string[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((c) => c()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function file(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-static-'));
  dirs.push(dir);
  const f = join(dir, 'registry.json');
  write(f, content);
  return f;
}
const write = (f: string, content: unknown) => writeFileSync(f, typeof content === 'string' ? content : JSON.stringify(content));

function open(f: string) {
  const r = createStaticRegistry({ file: f, pollMs: 20 });
  closers.push(() => r.close());
  return r;
}

const v1 = {
  services: [
    { name: 'api', instances: [{ id: 'api-1', address: '10.0.0.1:80', metadata: { zone: 'a' } }, { id: 'api-2', address: '10.0.0.2:80' }] },
    { name: 'batch' }, // registered, nothing running
  ],
};

describe('static registry', () => {
  it('reads the file; services without instances are still services', async () => {
    const r = open(file(v1));
    expect(await r.list()).toEqual([
      { service: 'api', id: 'api-1', address: '10.0.0.1:80', metadata: { zone: 'a' } },
      { service: 'api', id: 'api-2', address: '10.0.0.2:80', metadata: {} },
    ]);
    expect(await r.services()).toEqual(['api', 'batch']);
    expect(r.lastError).toBeNull();
  });

  it('picks up an edit and notifies subscribers', async () => {
    const f = file(v1);
    const r = open(f);
    let changes = 0;
    r.subscribe(() => changes++);
    write(f, { services: [{ name: 'api', instances: [{ id: 'api-3', address: '10.0.0.3:80' }] }, { name: 'web', instances: [] }] });
    await eventually(async () => expect((await r.list()).map((i) => i.id)).toEqual(['api-3']));
    expect(await r.services()).toEqual(['api', 'web']);
    expect(changes).toBeGreaterThan(0);
  });

  it('picks up an edit that leaves the mtime unchanged (two writes in one clock tick)', async () => {
    const f = file(v1);
    const tick = Math.floor(Date.now() / 1000); // whole seconds, so utimes can restore the mtime exactly
    utimesSync(f, tick, tick);
    const r = open(f);
    expect(await r.services()).toEqual(['api', 'batch']);
    write(f, { services: [{ name: 'moved' }] });
    utimesSync(f, tick, tick); // what a coarse-timestamp filesystem does to a second write in the same tick
    await eventually(async () => expect(await r.services()).toEqual(['moved']));
  });

  it('keeps the last good snapshot when the file breaks, and reports why', async () => {
    const f = file(v1);
    const r = open(f);
    write(f, '{"services": [');
    await eventually(() => expect(r.lastError?.message).toMatch(/not valid JSON/));
    expect(r.lastError).toBeInstanceOf(SourceFailure);
    expect((await r.list()).map((i) => i.id)).toEqual(['api-1', 'api-2']);

    write(f, { services: [{ name: 'api', instances: [{ id: '', address: 'x' }] }] });
    await eventually(() => expect(r.lastError?.message).toMatch(/services\[0\]\.instances\[0\]\.id/));
    expect(await r.services()).toEqual(['api', 'batch']);

    write(f, { services: [{ name: 'fixed' }] });
    await eventually(async () => expect(await r.services()).toEqual(['fixed']));
    expect(r.lastError).toBeNull();
  });

  it('fails reads with a SourceFailure when the file was never readable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'switchyard-static-'));
    dirs.push(dir);
    const r = open(join(dir, 'missing.json'));
    await expect(r.list()).rejects.toBeInstanceOf(SourceFailure);
    await expect(r.services()).rejects.toThrow(/missing\.json cannot be read/);
  });
});
