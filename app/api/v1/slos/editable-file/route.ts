import type { SloEditableFile } from '@/lib/schemas/slo-edit';
import { container } from '@/server/container';
import { handle } from '@/server/runtime/http';
import { specEditor } from '@/server/slo/spec-edit-http';

export const dynamic = 'force-dynamic';

/** Where the UI writes new SLOs and the hash to create one against (editableFile null: editing is off). */
export function GET() {
  return handle('slo-editable-file', async () => {
    const editor = specEditor(container());
    const body: SloEditableFile = { editableFile: editor.file, hash: editor.file === null ? null : editor.read().hash };
    return body;
  });
}
