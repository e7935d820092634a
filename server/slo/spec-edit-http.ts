import 'server-only';
import type { SloSpecInvalid, SloSpecStale } from '@/lib/schemas/slo-edit';
import type { ApiErrorBody } from '@/lib/schemas/errors';
import type { Container } from '@/server/container';
import { handle } from '@/server/runtime/http';
import { SpecInvalidError, SpecRefusedError, SpecStaleError } from './spec-edit-errors';
import { createSpecEditor, type SpecEditor } from './spec-editor';

const noStore = { 'Cache-Control': 'no-store' };

/** The editor over the container's store and configured file (stateless: one per request is fine). */
export function specEditor(c: Container): SpecEditor {
  return createSpecEditor({ file: c.config.slo.editableFile, store: c.slos });
}

/**
 * handle() with the editor's errors mapped first: an invalid spec is a 400 with every problem (field
 * and line), a stale hash a 409 with the file as it is now, a refused write a 409 with its code.
 */
export function handleSpecEdit(route: string, fn: () => Promise<unknown>): Promise<Response> {
  return handle(route, async () => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof SpecInvalidError) {
        const body: SloSpecInvalid = { error: { code: 'invalid_spec', message: err.message, ...(err.field ? { field: err.field } : {}) }, problems: err.problems };
        return Response.json(body, { status: 400, headers: noStore });
      }
      if (err instanceof SpecStaleError) {
        const body: SloSpecStale = { error: { code: 'stale', message: err.message }, current: err.current };
        return Response.json(body, { status: 409, headers: noStore });
      }
      if (err instanceof SpecRefusedError) {
        const body: ApiErrorBody = { error: { code: err.code, message: err.message } };
        return Response.json(body, { status: 409, headers: noStore });
      }
      throw err;
    }
  });
}
