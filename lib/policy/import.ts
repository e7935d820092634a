import { PolicySpec, policyId } from '../schemas/policy';
import { POLICY_EXPORT_FORMAT, type ImportFormat, type ImportProblem } from '../schemas/policy-api';
import { importSentinel, looksLikeDegradeRule, type SentinelProblem } from './sentinel-import';

/**
 * The JSON POST /api/v1/policies/import accepts, read into one spec per policy id (docs/policies.md
 * "Export and import"): our export ({format: 'switchyard-policies/v1', policies: [{spec}]}), a bare
 * array of PolicySpec, or Sentinel FlowRule / DegradeRule arrays (lib/policy/sentinel-import.ts). The
 * format is detected from the shape unless the caller names it; a bare array of Sentinel rules may mix
 * both kinds (each rule is told apart by its fields).
 */

export interface ImportDraft {
  id: string;
  spec: PolicySpec;
  problems: ImportProblem[];
}

export interface ParsedImport {
  format: ImportFormat;
  drafts: ImportDraft[];
  /** Problems that belong to no draft. */
  problems: ImportProblem[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The format the data looks like, or null when it looks like none of them. */
export function detectFormat(data: unknown): ImportFormat | null {
  if (isRecord(data) && data.format === POLICY_EXPORT_FORMAT) return 'switchyard';
  if (!Array.isArray(data) || data.length === 0) return null;
  if (data.every((x) => isRecord(x) && 'target' in x)) return 'switchyard';
  if (data.every((x) => isRecord(x) && 'resource' in x)) return data.every(looksLikeDegradeRule) ? 'sentinel-degrade' : 'sentinel-flow';
  return null;
}

/** Reads the data; throws an Error naming what is wrong when it is none of the formats (a 400). */
export function parseImport(data: unknown, format?: ImportFormat): ParsedImport {
  const fmt = format ?? detectFormat(data);
  if (!fmt) {
    throw new Error(`data: expected {"format": "${POLICY_EXPORT_FORMAT}", …}, an array of policy specs, or an array of Sentinel flow/degrade rules`);
  }
  return fmt === 'switchyard' ? parseOwn(data) : parseSentinel(data, fmt, format !== undefined);
}

function parseOwn(data: unknown): ParsedImport {
  let entries: unknown[];
  let prefix: string;
  if (Array.isArray(data)) {
    entries = data;
    prefix = '';
  } else if (isRecord(data) && data.format === POLICY_EXPORT_FORMAT && Array.isArray(data.policies)) {
    entries = data.policies.map((p) => (isRecord(p) ? p.spec : p));
    prefix = 'policies';
  } else {
    throw new Error(`data: expected {"format": "${POLICY_EXPORT_FORMAT}", "policies": [{"spec": …}]} or an array of policy specs`);
  }
  const drafts: ImportDraft[] = [];
  const problems: ImportProblem[] = [];
  entries.forEach((raw, i) => {
    const source = prefix ? `${prefix}[${i}].spec` : `[${i}]`;
    const parsed = PolicySpec.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') ?? '';
      problems.push({ source, field: field || null, message: `${field || 'spec'}: ${issue?.message ?? 'invalid'}` });
      return;
    }
    const id = policyId(parsed.data.target);
    if (drafts.some((d) => d.id === id)) {
      problems.push({ source, field: 'target', message: `${id} appears more than once; the first one is imported` });
      return;
    }
    drafts.push({ id, spec: parsed.data, problems: [] });
  });
  return { format: 'switchyard', drafts, problems };
}

function parseSentinel(data: unknown, format: 'sentinel-flow' | 'sentinel-degrade', forced: boolean): ParsedImport {
  if (!Array.isArray(data)) throw new Error('data: Sentinel rules must be a JSON array');
  // Named explicitly: every rule is that kind. Detected: each rule by its own fields, so a mixed array works.
  const degrade = (x: unknown) => (forced ? format === 'sentinel-degrade' : looksLikeDegradeRule(x));
  const flowRules = data.filter((x) => !degrade(x));
  const degradeRules = data.filter(degrade);
  const result = importSentinel(flowRules, degradeRules);
  const toProblem = (p: SentinelProblem): ImportProblem => ({
    source: `${p.kind} rule ${p.index}${p.resource ? ` (${p.resource})` : ''}`,
    field: p.field,
    message: p.message,
  });
  const drafts = result.drafts.map((d) => ({ ...d, problems: result.problems.filter((p) => p.policyId === d.id).map(toProblem) }));
  const ids = new Set(drafts.map((d) => d.id));
  const problems = result.problems.filter((p) => p.policyId === null || !ids.has(p.policyId)).map(toProblem);
  return { format, drafts, problems };
}
