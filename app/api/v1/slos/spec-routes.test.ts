import 'server-only';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { ApiErrorBody } from '@/lib/schemas/errors';
import { SloEditableFile, SloSpecInvalid, SloSpecStale, SloSpecText, SloSpecWritten } from '@/lib/schemas/slo-edit';
import { OPERATOR, VIEWER, installContainer, proxyRequest, uninstallContainer, type Who } from '@/server/testing/route-harness';
import type { Container } from '@/server/container';
import { createSpecStore } from '@/server/slo/spec-store';
import { removeRegistryFiles, tempDir, viewContainer } from '@/server/testing/view-container';
import { DELETE as remove, GET as getSpec, PUT as put } from './[id]/spec/route';
import { GET as editableFile } from './editable-file/route';

/**
 * The spec-editing routes in-process: the real handlers on a container whose store reads a temp
 * GitOps file plus the editable file, auth in proxy mode (identity headers; writes also need the CSRF
 * token, as from the browser).
 */
const stack = inject('stack');

let c: Container;
function install(editable: boolean = true): { gitops: string; file: string } {
  const dir = tempDir('switchyard-spec-routes-');
  const gitops = join(dir, 'gitops.yaml');
  writeFileSync(gitops, ours('from-git'));
  const file = join(dir, 'editable', 'slos.yaml');
  c = viewContainer({ promUrl: stack.promUrl, kind: 'otel-http' }).c;
  const slo = { paths: [gitops], editableFile: editable ? file : null };
  c.config = { ...c.config, slo };
  c.slos = createSpecStore({ ...slo, pollMs: 60_000, log: () => {} });
  installContainer(c);
  return { gitops, file };
}
afterEach(async () => {
  await c?.slos.close();
  uninstallContainer();
});
afterAll(() => removeRegistryFiles());


const request = proxyRequest;
const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const ours = (id: string, objective = 'objectivePercent: 99.5') =>
  `apiVersion: switchyard/v1\nkind: SLO\nid: ${id}\nname: ${id}\nservice: users\n${objective}\nwindow: 28d\nindicator: {kind: service-availability}\n`;
const hashNow = async () => SloEditableFile.parse(await (await editableFile()).json()).hash!;
const write = (id: string, text: string, expectedHash: string, who: Who = OPERATOR, csrf = true) =>
  put(request('PUT', `/api/v1/slos/${id}/spec`, who, { text, expectedHash }, csrf), ctx(id));
const errorOf = async (res: Response) => ApiErrorBody.parse(await res.json()).error;

describe('SLO spec routes', () => {
  it('an operator creates, reads back, replaces and deletes an SLO in the editable file; the store follows at once', async () => {
    const { file } = install();
    const h0 = await hashNow();
    const created = await write('users-availability', ours('users-availability'), h0);
    expect(created.status).toBe(200);
    const w1 = SloSpecWritten.parse(await created.json());
    expect(w1).toMatchObject({ id: 'users-availability', file });
    expect(c.slos.get('users-availability')?.objective).toBe(0.995);

    const got = SloSpecText.parse(await (await getSpec(request('GET', '/api/v1/slos/users-availability/spec', VIEWER), ctx('users-availability'))).json());
    expect(got).toMatchObject({ editable: true, file, editableFile: file, hash: w1.hash });
    expect(got.text).toContain('objectivePercent: 99.5');

    const replaced = SloSpecWritten.parse(await (await write('users-availability', got.text.replace('99.5', '99'), got.hash!)).json());
    expect(c.slos.get('users-availability')?.objective).toBe(0.99);

    const del = await remove(request('DELETE', '/api/v1/slos/users-availability/spec', OPERATOR, { expectedHash: replaced.hash }), ctx('users-availability'));
    expect(del.status).toBe(200);
    expect(c.slos.get('users-availability')).toBeUndefined();
    expect(readFileSync(file, 'utf8')).not.toContain('users-availability');
  });

  it('answers a stale hash with 409 and the current file, an invalid spec with 400 naming field and line', async () => {
    const { file } = install();
    const h0 = await hashNow();
    expect((await write('a', ours('a'), h0)).status).toBe(200);
    const stale = await write('b', ours('b'), h0);
    expect(stale.status).toBe(409);
    const current = readFileSync(file, 'utf8');
    expect(SloSpecStale.parse(await stale.json()).current).toEqual({ text: current, hash: await hashNow() });

    const bad = await write('b', ours('b', 'objective: 99.9'), await hashNow());
    expect(bad.status).toBe(400);
    const body = SloSpecInvalid.parse(await bad.json());
    expect(body.error.field).toBe('objective');
    expect(body.problems[0]).toMatchObject({ field: 'objective', line: 6 });
    expect(readFileSync(file, 'utf8')).toBe(current);
  });

  it('keeps other files read-only: their spec is served for copying, a write under their id is a 409 naming the file', async () => {
    const { gitops } = install();
    const got = SloSpecText.parse(await (await getSpec(request('GET', '/api/v1/slos/from-git/spec', null), ctx('from-git'))).json());
    expect(got).toMatchObject({ editable: false, file: gitops });
    const taken = await write('from-git', got.text, got.hash!);
    expect(taken.status).toBe(409);
    expect(await errorOf(taken)).toMatchObject({ code: 'id_taken', message: expect.stringContaining(gitops) });
    // Copy to editable: the same text under a new id.
    const copy = await write('from-git-copy', got.text.replace('id: from-git', 'id: from-git-copy'), got.hash!);
    expect(copy.status).toBe(200);
    expect(c.slos.get('from-git-copy')?.service).toBe('users');
    expect((await getSpec(request('GET', '/api/v1/slos/nope/spec', null), ctx('nope'))).status).toBe(404);
  });

  it('refuses writes: 401 without a user, 403 for a viewer or without the CSRF token, 409 when editing is off', async () => {
    install();
    const h0 = await hashNow();
    expect((await write('a', ours('a'), h0, null)).status).toBe(401);
    expect((await write('a', ours('a'), h0, VIEWER)).status).toBe(403);
    expect((await write('a', ours('a'), h0, OPERATOR, false)).status).toBe(403);
    expect(c.slos.get('a')).toBeUndefined();

    await c.slos.close();
    install(false);
    expect(SloEditableFile.parse(await (await editableFile()).json())).toEqual({ editableFile: null, hash: null });
    const off = await write('a', ours('a'), h0);
    expect(off.status).toBe(409);
    expect((await errorOf(off)).code).toBe('editing_disabled');
  });
});
