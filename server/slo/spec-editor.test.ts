import 'server-only';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSpecFile } from '@/lib/slo/parse-spec';
import { NotFoundError, InputError } from '@/server/runtime/errors';
import { createSpecEditor } from './spec-editor';
import { SpecInvalidError, SpecRefusedError, SpecStaleError } from './spec-edit-errors';
import { createSpecStore, type SloStore } from './spec-store';

const dirs: string[] = [];
const stores: SloStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const ours = (id: string, objective = 'objectivePercent: 99.5', service = 'svc') =>
  `apiVersion: switchyard/v1\nkind: SLO\nid: ${id}\nname: ${id} name # kept\nservice: ${service}\n${objective}\nwindow: 7d\nindicator: {kind: service-availability}\n`;

/** A spec directory with one GitOps file, the editable file (not created yet) in a sub-directory, a store and an editor over both. */
function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-edit-'));
  dirs.push(dir);
  const gitops = join(dir, 'gitops.yaml');
  writeFileSync(gitops, ours('from-git'));
  const editable = join(dir, 'state', 'slos.yaml');
  const store = createSpecStore({ paths: [gitops], editableFile: editable, pollMs: 60_000, log: () => {} });
  stores.push(store);
  return { dir, gitops, editable, store, editor: createSpecEditor({ file: editable, store }) };
}

describe('createSpecEditor', () => {
  it('creates the editable file on the first put, the store loads it at once, and the file parses as an SLOList', () => {
    const { editable, store, editor } = setup();
    expect(store.problems()).toEqual([]); // a missing editable file is not a problem
    expect(editor.read()).toEqual({ text: '', hash: sha('') });

    const w = editor.put('users-avail', ours('users-avail', 'objectivePercent: 99.5', 'users'), sha(''));
    const text = readFileSync(editable, 'utf8');
    expect(w).toEqual({ id: 'users-avail', file: editable, hash: sha(text) });
    expect(store.get('users-avail')).toMatchObject({ service: 'users', objective: 0.995, source: { file: editable } });
    const reparsed = parseSpecFile(editable, text);
    expect(reparsed.problems).toEqual([]);
    expect(reparsed.slos.map((s) => s.id)).toEqual(['users-avail']);
    expect(text).toContain('# kept'); // the editor's comments survive
    expect(readdirSync(join(editable, '..'))).toEqual(['slos.yaml']); // no temp file left behind
  });

  it('replaces an SLO in place and removes one, each against the hash it read', () => {
    const { editable, store, editor } = setup();
    const h1 = editor.put('a', ours('a'), sha('')).hash;
    const h2 = editor.put('b', ours('b'), h1).hash;
    const h3 = editor.put('a', ours('a', 'objective: 0.9'), h2).hash;
    expect(store.list().map((s) => [s.id, s.objective])).toEqual([
      ['from-git', 0.995],
      ['a', 0.9],
      ['b', 0.995],
    ]);
    const h4 = editor.remove('a', h3).hash;
    expect(store.list().map((s) => s.id)).toEqual(['from-git', 'b']);
    expect(h4).toBe(sha(readFileSync(editable, 'utf8')));
  });

  it('refuses a stale hash with the current text, and leaves the file as it was', () => {
    const { editable, editor } = setup();
    const h1 = editor.put('a', ours('a'), sha('')).hash;
    const before = readFileSync(editable, 'utf8');
    let err: unknown;
    try {
      editor.put('b', ours('b'), sha(''));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecStaleError);
    expect((err as SpecStaleError).current).toEqual({ text: before, hash: h1 });
    expect(() => editor.remove('a', sha('other'))).toThrow(SpecStaleError);
    expect(readFileSync(editable, 'utf8')).toBe(before);
  });

  it('rejects what the parser rejects, with field and line, and writes nothing', () => {
    const { editable, editor } = setup();
    let err: unknown;
    try {
      editor.put('a', ours('a', 'objective: 99.9'), sha(''));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SpecInvalidError);
    // objective is on line 6 of the posted text.
    expect((err as SpecInvalidError).problems).toEqual([expect.objectContaining({ field: 'objective', line: 6, message: expect.stringContaining('objectivePercent: 99.9') })]);
    expect(() => editor.put('a', 'apiVersion: switchyard/v1\nkind: SLOList\nslos: []\n', sha(''))).toThrow(SpecInvalidError);
    expect(() => editor.put('a', ours('b'), sha(''))).toThrow(InputError);
    expect(() => readFileSync(editable)).toThrow(/ENOENT/);
  });

  it('keeps ids unique across files, and never writes or deletes another file’s SLO', () => {
    const { gitops, editor } = setup();
    const gitText = readFileSync(gitops, 'utf8');
    expect(() => editor.put('from-git', ours('from-git'), sha(''))).toThrow(new SpecRefusedError('id_taken', `id "from-git" is already used by ${gitops}: ids must be unique across all SLO files; choose another`));
    expect(() => editor.remove('from-git', sha(''))).toThrow(SpecRefusedError);
    expect(() => editor.remove('nope', sha(''))).toThrow(NotFoundError);
    expect(readFileSync(gitops, 'utf8')).toBe(gitText);
  });

  it('gives any SLO as our format: editable ones as written, others converted (and they parse to the same SLO)', () => {
    const { gitops, store, editor } = setup();
    const h = editor.put('mine', ours('mine'), sha('')).hash;
    const mine = editor.specText('mine');
    expect(mine).toMatchObject({ editable: true, hash: h, id: 'mine' });
    expect(mine.text).toContain('objectivePercent: 99.5');
    expect(mine.text).toContain('# kept');

    const theirs = editor.specText('from-git');
    expect(theirs).toMatchObject({ editable: false, file: gitops, hash: h });
    const { source: _s, ...loaded } = store.get('from-git')!;
    const again = parseSpecFile('x', theirs.text);
    expect(again.problems).toEqual([]);
    const { source: _s2, ...copied } = again.slos[0]!;
    expect(copied).toEqual(loaded);
    expect(() => editor.specText('nope')).toThrow(NotFoundError);
  });

  it('accepts JSON and stores it as block YAML', () => {
    const { editable, store, editor } = setup();
    const json = JSON.stringify({ apiVersion: 'switchyard/v1', kind: 'SLO', id: 'j', name: 'J', service: 's', objective: 0.99, window: '30d', indicator: { kind: 'service-availability' } });
    editor.put('j', json, sha(''));
    expect(store.get('j')?.objective).toBe(0.99);
    expect(readFileSync(editable, 'utf8')).toMatch(/^ {2}- id: j$/m);
  });

  it('refuses every write when no editable file is configured', () => {
    const { store } = setup();
    const off = createSpecEditor({ file: null, store });
    expect(() => off.put('x', ours('x'), sha(''))).toThrow(SpecRefusedError);
    expect(off.specText('from-git')).toMatchObject({ editable: false, editableFile: null, hash: null });
  });
});
