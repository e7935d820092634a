import { ImportResponse, type ImportFormat } from '../schemas/policy-api';
import { API_BASE } from './services';
import { sendJson } from './write-json';

/** Export and import of every policy as JSON (docs/policies.md "Export and import"). */

/** A download link: every live policy as `switchyard-policies/v1` JSON. */
export const exportAllUrl = `${API_BASE}/policies/export-all`;

/** Plans (dryRun) or applies an import; `format` null lets the BFF detect it. */
export function importPolicies(data: unknown, format: ImportFormat | null, dryRun: boolean, reason: string, signal?: AbortSignal) {
  const qs = new URLSearchParams({ dryRun: String(dryRun) });
  if (format) qs.set('format', format);
  return sendJson('POST', `${API_BASE}/policies/import?${qs}`, { data, reason }, ImportResponse, signal);
}
