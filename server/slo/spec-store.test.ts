import 'server-only';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SwitchyardConfig } from '@/lib/schemas/config';
import { buildContainer } from '@/server/container';
import { createSpecStore, type SloStore } from './spec-store';

const dirs: string[] = [];
const stores: SloStore[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'switchyard-slo-'));
  dirs.push(d);
  return d;
}

function store(paths: string[], pollMs?: number): { s: SloStore; logs: string[] } {
  const logs: string[] = [];
  const s = createSpecStore({ paths, pollMs, log: (l) => logs.push(l) });
  stores.push(s);
  return { s, logs };
}

const ours = (id: string, objective = '0.99') =>
  `apiVersion: switchyard/v1\nkind: SLO\nid: ${id}\nname: ${id}\nservice: svc\nobjective: ${objective}\nwindow: 7d\nindicator: {kind: service-availability}\n`;

describe('createSpecStore', () => {
  it('reads files and directories (spec extensions only, not recursive, sorted) and reports what failed', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'b.yaml'), ours('b'));
    writeFileSync(join(dir, 'a.yml'), ours('a'));
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ apiVersion: 'switchyard/v1', kind: 'SLO', id: 'c', name: 'c', service: 's', objective: 0.9, window: '30d', indicator: { kind: 'service-availability' } }));
    writeFileSync(join(dir, 'notes.txt'), 'not a spec');
    writeFileSync(join(dir, 'broken.yaml'), ours('broken', '99.9'));
    mkdirSync(join(dir, 'nested'));
    writeFileSync(join(dir, 'nested', 'n.yaml'), ours('nested'));
    const single = join(tempDir(), 'single.spec');
    writeFileSync(single, ours('single'));
    const missing = join(dir, 'missing.yaml');

    const { s, logs } = store([dir, single, missing]);
    expect(s.files()).toEqual([join(dir, 'a.yml'), join(dir, 'b.yaml'), join(dir, 'broken.yaml'), join(dir, 'c.json'), single]);
    expect(s.list().map((x) => x.id)).toEqual(['a', 'b', 'c', 'single']);
    expect(s.get('c')?.objective).toBe(0.9);
    expect(s.get('broken')).toBeUndefined();
    expect(s.problems()).toEqual([
      { file: missing, field: '', message: expect.stringMatching(/^cannot be read: ENOENT/) },
      { file: join(dir, 'broken.yaml'), field: 'objective', line: 6, message: expect.stringMatching(/objectivePercent: 99.9/) },
    ]);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/4 loaded from 5 file\(s\), 2 problem\(s\)/);
    expect(logs[0]).toContain(`${join(dir, 'broken.yaml')}:6 objective:`);
  });

  it('follows symlinked files, as in a Kubernetes ConfigMap mount', () => {
    const real = tempDir();
    writeFileSync(join(real, 'x.yaml'), ours('linked'));
    const dir = tempDir();
    symlinkSync(join(real, 'x.yaml'), join(dir, 'x.yaml'));
    expect(store([dir]).s.list().map((x) => x.id)).toEqual(['linked']);
  });

  it('rejects an id defined in two files, naming both', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'one.yaml'), ours('same'));
    writeFileSync(join(dir, 'two.yaml'), `${ours('other')}---\n${ours('same')}`);
    const { s } = store([dir]);
    expect(s.list().map((x) => x.id)).toEqual(['other']);
    expect(s.problems().map((p) => [p.file, p.line, p.message])).toEqual([
      [join(dir, 'one.yaml'), 3, `duplicate SLO id "same", also defined at ${join(dir, 'two.yaml')}:12; none of them is loaded until the ids differ`],
      [join(dir, 'two.yaml'), 12, `duplicate SLO id "same", also defined at ${join(dir, 'one.yaml')}:3; none of them is loaded until the ids differ`],
    ]);
  });

  it('reloads when a file changes, appears or goes, and only then', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), ours('a'));
    const { s, logs } = store([dir], 60_000);
    const changes = vi.fn();
    s.subscribe(changes);

    s.reload();
    expect(changes).not.toHaveBeenCalled();
    expect(logs).toHaveLength(1);

    writeFileSync(join(dir, 'a.yaml'), ours('a', '0.95'));
    s.reload();
    expect(s.get('a')?.objective).toBe(0.95);
    writeFileSync(join(dir, 'b.yaml'), ours('b'));
    s.reload();
    expect(s.list().map((x) => x.id)).toEqual(['a', 'b']);
    rmSync(join(dir, 'a.yaml'));
    s.reload();
    expect(s.list().map((x) => x.id)).toEqual(['b']);
    expect(changes).toHaveBeenCalledTimes(3);
  });

  it('notices an edit by itself through polling', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), ours('a'));
    const { s } = store([dir], 20);
    writeFileSync(join(dir, 'a.yaml'), ours('renamed'));
    await vi.waitFor(() => expect(s.list().map((x) => x.id)).toEqual(['renamed']), { timeout: 5_000 });
  });

  it('is wired into the container from config.slo.paths (default: none)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), ours('from-config'));
    const empty = buildContainer(SwitchyardConfig.parse({}));
    expect(empty.config.slo.paths).toEqual([]);
    expect(empty.slos.list()).toEqual([]);
    expect(empty.slos.problems()).toEqual([]);
    const spy = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const c = buildContainer(SwitchyardConfig.parse({ slo: { paths: [dir] } }));
    spy.mockRestore();
    stores.push(c.slos, empty.slos);
    expect(c.slos.list().map((x) => x.id)).toEqual(['from-config']);
    expect(() => SwitchyardConfig.parse({ slo: { path: [dir] } })).toThrow();
  });
});
