import 'server-only';
import { diffFields, sameJson } from '@/lib/policy/diff';
import { parseImport } from '@/lib/policy/import';
import { POLICY_EXPORT_FORMAT, type ImportFormat, type ImportItem, type ImportResponse, type PolicyExport } from '@/lib/schemas/policy-api';
import { InputError } from '@/server/runtime/errors';
import { ConflictError, StoreUnavailableError } from './errors';
import type { PolicyStore } from './port';

/**
 * GET /api/v1/policies/export-all and POST /api/v1/policies/import (docs/policies.md "Export and
 * import"). An import is planned against what is stored now; applying writes each policy with
 * compare-and-set on the version it just read, one by one: a conflict (someone changed that policy
 * meanwhile) or a failure is reported on its item and the others still apply. Not one transaction on
 * purpose: each write is audited on its own, as if made by hand.
 */

/** Every live policy (tombstones left out), in the form the import takes back. */
export async function exportAll(store: PolicyStore, nowMs: number): Promise<PolicyExport> {
  const live = (await store.list()).filter((p) => !p.deleted);
  return { format: POLICY_EXPORT_FORMAT, exportedAt: new Date(nowMs).toISOString(), policies: live.map((p) => ({ spec: p.spec })) };
}

export interface ImportRun {
  data: unknown;
  format?: ImportFormat;
  dryRun: boolean;
  reason: string;
  actor: string;
}

export async function runImport(store: PolicyStore, run: ImportRun): Promise<ImportResponse> {
  if (!run.dryRun && run.reason.length < 3) throw new InputError('reason: say why (at least 3 characters)', 'reason');
  let parsed;
  try {
    parsed = parseImport(run.data, run.format);
  } catch (err) {
    throw new InputError((err as Error).message, 'data');
  }
  const items: ImportItem[] = [];
  for (const d of parsed.drafts) {
    const current = await store.get(d.id);
    const stored = current && !current.deleted ? current.spec : null;
    const action = stored === null ? 'create' : sameJson(stored, d.spec) ? 'unchanged' : 'update';
    const item: ImportItem = {
      id: d.id,
      action,
      diff: diffFields(stored ?? undefined, d.spec),
      spec: d.spec,
      problems: d.problems,
      outcome: action === 'unchanged' ? 'unchanged' : 'planned',
      version: null,
      message: null,
    };
    items.push(item);
    if (run.dryRun || action === 'unchanged') continue;
    try {
      const written = await store.write(d.id, { spec: d.spec, expectedVersion: current?.version ?? 0, reason: `${run.reason} (import)` }, run.actor);
      item.outcome = 'written';
      item.version = written.version;
    } catch (err) {
      // The store going down midway fails the rest one by one: the answer still says what was written.
      if (!(err instanceof ConflictError || err instanceof InputError || err instanceof StoreUnavailableError)) throw err;
      item.outcome = err instanceof ConflictError ? 'conflict' : 'failed';
      item.message = err.message;
    }
  }
  return { format: parsed.format, dryRun: run.dryRun, items, problems: parsed.problems };
}
