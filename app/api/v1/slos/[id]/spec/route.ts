import { SloSpecRemove, SloSpecWrite } from '@/lib/schemas/slo-edit';
import { requireWrite } from '@/server/auth/guard';
import { container } from '@/server/container';
import { parseJsonBody } from '@/server/runtime/http';
import { handleSpecEdit, specEditor } from '@/server/slo/spec-edit-http';
import { parseSloId } from '@/server/slo/views';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

/** The spec in our format for any loaded SLO, whether it is editable here, and the editable file's hash. */
export function GET(_req: Request, ctx: Ctx) {
  return handleSpecEdit('slo-spec', async () => specEditor(container()).specText(parseSloId((await ctx.params).id)));
}

/** Create or replace the SLO in the editable file: body {text, expectedHash}; 400 invalid, 409 stale/taken. */
export function PUT(req: Request, ctx: Ctx) {
  return handleSpecEdit('slo-spec-write', async () => {
    await requireWrite(req, 'operator');
    const id = parseSloId((await ctx.params).id);
    const body = await parseJsonBody(SloSpecWrite, req);
    return specEditor(container()).put(id, body.text, body.expectedHash);
  });
}

/** Remove the SLO from the editable file: body {expectedHash}. */
export function DELETE(req: Request, ctx: Ctx) {
  return handleSpecEdit('slo-spec-delete', async () => {
    await requireWrite(req, 'operator');
    const id = parseSloId((await ctx.params).id);
    const body = await parseJsonBody(SloSpecRemove, req);
    return specEditor(container()).remove(id, body.expectedHash);
  });
}
