import { z } from 'zod';
import { SloId, SpecProblem } from './slo';

/**
 * Editing SLO specs from the UI (docs/slo.md "Editing in the UI"). Writes go to the one configured
 * editable file; `hash` is the sha256 of that file's text ("" when it does not exist yet) and every
 * write carries the hash it was based on, so a stale editor gets a 409 instead of overwriting.
 */

/** GET /api/v1/slos/<id>/spec: the spec in our format, whichever file or format it came from. */
export const SloSpecText = z.object({
  id: SloId,
  /** One `apiVersion: switchyard/v1, kind: SLO` document. */
  text: z.string(),
  /** Where the SLO is defined now. */
  file: z.string(),
  /** True when it lives in the editable file (PUT/DELETE apply); otherwise it can only be copied under a new id. */
  editable: z.boolean(),
  /** The configured editable file, or null when editing in the UI is off. */
  editableFile: z.string().nullable(),
  /** The editable file's content hash to send back with a write; null when editing is off. */
  hash: z.string().nullable(),
});
export type SloSpecText = z.infer<typeof SloSpecText>;

/** GET /api/v1/slos/spec-file: where new SLOs go, and the hash to create one against. */
export const SloEditableFile = z.object({ editableFile: z.string().nullable(), hash: z.string().nullable() });
export type SloEditableFile = z.infer<typeof SloEditableFile>;

/** PUT body: one SLO as YAML or JSON (our format, kind SLO), and the editable file's hash it was based on. */
export const SloSpecWrite = z.object({ text: z.string().min(1).max(64 * 1024), expectedHash: z.string().min(1).max(128) });
export type SloSpecWrite = z.infer<typeof SloSpecWrite>;

/** DELETE body. */
export const SloSpecRemove = z.object({ expectedHash: z.string().min(1).max(128) });
export type SloSpecRemove = z.infer<typeof SloSpecRemove>;

/** The answer to a write: the editable file's new hash. */
export const SloSpecWritten = z.object({ id: SloId, file: z.string(), hash: z.string() });
export type SloSpecWritten = z.infer<typeof SloSpecWritten>;

/** A 400 for a spec that does not parse: the ApiErrorBody fields plus every problem with field and line. */
export const SloSpecInvalid = z.object({
  error: z.object({ code: z.literal('invalid_spec'), message: z.string(), field: z.string().optional() }),
  problems: z.array(SpecProblem),
});
export type SloSpecInvalid = z.infer<typeof SloSpecInvalid>;

/** A 409 for a stale hash: the editable file as it is now. */
export const SloSpecStale = z.object({
  error: z.object({ code: z.literal('stale'), message: z.string() }),
  current: z.object({ text: z.string(), hash: z.string() }),
});
export type SloSpecStale = z.infer<typeof SloSpecStale>;
