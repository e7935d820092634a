import { parseAllDocuments } from 'yaml';
import { SloEditableFile, SloSpecText, SloSpecWritten } from '../schemas/slo-edit';
import type { SpecProblem } from '../schemas/slo';
import { parseSpecFile } from '../slo/parse-spec';
import { getJson } from './fetch-json';
import { API_BASE } from './services';
import { sendJson } from './write-json';

/**
 * Reading and writing SLO specs from the editor (docs/slo.md "Editing in the UI"). Keys sit under
 * ['slos'] so invalidating the SLO pages after a save refetches these too.
 */
const specUrl = (id: string) => `${API_BASE}/slos/${encodeURIComponent(id)}/spec`;

export const sloSpecKeys = {
  spec: (id: string) => ['slos', 'spec', id] as const,
  editableFile: ['slos', 'editable-file'] as const,
};

export function sloSpecQuery(id: string) {
  return { queryKey: sloSpecKeys.spec(id), queryFn: ({ signal }: { signal: AbortSignal }) => getJson(specUrl(id), SloSpecText, signal) };
}

export function editableFileQuery() {
  return { queryKey: sloSpecKeys.editableFile, queryFn: ({ signal }: { signal: AbortSignal }) => getJson(`${API_BASE}/slos/editable-file`, SloEditableFile, signal) };
}

export const saveSloSpec = (id: string, text: string, expectedHash: string) => sendJson('PUT', specUrl(id), { text, expectedHash }, SloSpecWritten);
export const deleteSloSpec = (id: string, expectedHash: string) => sendJson('DELETE', specUrl(id), { expectedHash }, SloSpecWritten);

/**
 * The editor's live check: the same parser the server runs on save (so a clean check means the save
 * passes validation), plus what the save route asks beyond it: one `kind: SLO` document of our format,
 * and in edit mode the id unchanged. Returns the id to save under when there are no problems.
 */
export function checkSloEdit(text: string, keepId: string | null): { id: string | null; problems: SpecProblem[] } {
  const FILE = '(editor)';
  const parsed = parseSpecFile(FILE, text);
  if (parsed.problems.length) return { id: null, problems: parsed.problems };
  const slo = parsed.slos[0];
  const docs = parseAllDocuments(text).filter((d) => d.contents !== null);
  const kind = docs.length === 1 ? (docs[0]!.toJS() as { kind?: unknown } | null)?.kind : undefined;
  if (parsed.slos.length !== 1 || !slo || slo.source.format !== 'switchyard' || kind !== 'SLO') {
    return { id: null, problems: [{ file: FILE, field: 'kind', message: 'write one document with apiVersion: switchyard/v1 and kind: SLO' }] };
  }
  if (keepId !== null && slo.id !== keepId) {
    return { id: null, problems: [{ file: FILE, field: 'id', message: `keep the id "${keepId}" when editing; to save under a new id, copy the SLO instead` }] };
  }
  return { id: slo.id, problems: [] };
}
