import type { SloWindow } from '../schemas/slo';
import type { ImportResult, SloDraft, SpecIssue, SpecPath } from './spec-types';
import { isTimeZone, percentToRatio } from './spec-values';

/**
 * Our own format (docs/slo.md): one SLO per document, or a list.
 *
 *   apiVersion: switchyard/v1            apiVersion: switchyard/v1
 *   kind: SLO                            kind: SLOList
 *   id: checkout-availability            slos:
 *   name: Checkout availability            - id: ...   (the same fields as kind: SLO)
 *   service: checkout
 *   objectivePercent: 99.9   # or objective: 0.999 (a ratio), exactly one of them
 *   window: 28d              # <n>d or <n>w rolling, or {calendar: month, timeZone: Europe/Berlin}
 *   indicator: {kind: service-availability}
 *
 * Every other field is the internal Slo field of the same name, checked by its schema; unknown fields
 * are errors, so a typo never silently falls back to a default.
 */

const FIELDS = new Set(['id', 'name', 'description', 'service', 'labels', 'objective', 'objectivePercent', 'window', 'indicator', 'alerting']);

type Doc = Record<string, unknown>;

export function importSwitchyard(doc: Doc): ImportResult {
  const issues: SpecIssue[] = [];
  if (doc.kind === 'SLO') {
    const { apiVersion: _a, kind: _k, ...fields } = doc;
    const draft = sloDraft(fields, [], issues);
    return { drafts: draft ? [draft] : [], issues };
  }
  if (doc.kind === 'SLOList') {
    const extra = Object.keys(doc).filter((k) => !['apiVersion', 'kind', 'slos'].includes(k));
    for (const k of extra) issues.push({ path: [k], message: `unknown field "${k}" (an SLOList holds only slos)` });
    if (!Array.isArray(doc.slos)) return { drafts: [], issues: [...issues, { path: ['slos'], message: 'slos must be a list of SLOs' }] };
    const drafts = doc.slos.flatMap((item, i) => {
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        issues.push({ path: ['slos', i], message: 'each entry must be a mapping with the SLO fields' });
        return [];
      }
      return sloDraft(item as Doc, ['slos', i], issues) ?? [];
    });
    return { drafts, issues };
  }
  return { drafts: [], issues: [{ path: ['kind'], message: `kind must be SLO or SLOList, not ${JSON.stringify(doc.kind)}` }] };
}

function sloDraft(item: Doc, at: SpecPath, issues: SpecIssue[]): SloDraft | null {
  const before = issues.length;
  for (const k of Object.keys(item)) {
    if (!FIELDS.has(k)) issues.push({ path: [...at, k], message: `unknown field "${k}"; the fields are ${[...FIELDS].join(', ')}` });
  }
  const objective = readObjective(item, at, issues);
  const window = readWindow(item.window, [...at, 'window'], issues);
  if (issues.length > before || objective === null || window === null) return null;
  const { objectivePercent: _p, objective: _o, window: _w, ...rest } = item;
  return {
    at,
    from: { objective: objective.from },
    slo: { ...(rest as Omit<SloDraft['slo'], 'objective' | 'window'>), objective: objective.value, window },
  };
}

function readObjective(item: Doc, at: SpecPath, issues: SpecIssue[]): { value: number; from: SpecPath } | null {
  const { objective, objectivePercent } = item;
  if (objective !== undefined && objectivePercent !== undefined) {
    issues.push({ path: [...at, 'objectivePercent'], message: 'give objective (a ratio) or objectivePercent, not both' });
    return null;
  }
  if (objectivePercent !== undefined) {
    const path = [...at, 'objectivePercent'];
    if (typeof objectivePercent !== 'number' || !(objectivePercent > 0 && objectivePercent < 100)) {
      issues.push({ path, message: `objectivePercent must be a number above 0 and below 100 (e.g. 99.9), not ${JSON.stringify(objectivePercent)}` });
      return null;
    }
    return { value: percentToRatio(objectivePercent), from: path };
  }
  const path = [...at, 'objective'];
  if (objective === undefined) {
    issues.push({ path, message: 'objective (a ratio, e.g. 0.999) or objectivePercent (e.g. 99.9) is required' });
    return null;
  }
  if (typeof objective !== 'number' || !(objective > 0 && objective < 1)) {
    const hint = typeof objective === 'number' && objective > 1 && objective < 100 ? `; for ${objective} % write objective: ${percentToRatio(objective)} or objectivePercent: ${objective}` : '';
    issues.push({ path, message: `objective is a ratio above 0 and below 1${hint}, not ${JSON.stringify(objective)}` });
    return null;
  }
  return { value: objective, from: path };
}

const WINDOW_HELP = 'window must be a rolling length like 30d, 28d, 7d or 4w, or {calendar: month, timeZone: <IANA zone>}';

function readWindow(raw: unknown, path: SpecPath, issues: SpecIssue[]): SloWindow | null {
  if (typeof raw === 'string') {
    const m = /^(\d{1,3})(d|w)$/.exec(raw.trim());
    const days = m ? Number(m[1]) * (m[2] === 'w' ? 7 : 1) : NaN;
    if (days >= 1 && days <= 400) return { kind: 'rolling', days };
    issues.push({ path, message: `${WINDOW_HELP} (1–400 days), not ${JSON.stringify(raw)}` });
    return null;
  }
  if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
    const { calendar, timeZone = 'UTC', ...extra } = raw as Doc;
    const before = issues.length;
    for (const k of Object.keys(extra)) issues.push({ path: [...path, k], message: `unknown field "${k}"; a calendar window has calendar and timeZone` });
    if (calendar !== 'month') issues.push({ path: [...path, 'calendar'], message: `only calendar: month is supported, not ${JSON.stringify(calendar)}` });
    const zone = typeof timeZone === 'string' && isTimeZone(timeZone) ? timeZone : null;
    if (zone === null) issues.push({ path: [...path, 'timeZone'], message: `${JSON.stringify(timeZone)} is not an IANA time zone (e.g. UTC, Europe/Berlin)` });
    return issues.length > before || zone === null ? null : { kind: 'calendar-month', timeZone: zone };
  }
  issues.push({ path, message: raw === undefined ? `window is required: ${WINDOW_HELP}` : `${WINDOW_HELP}, not ${JSON.stringify(raw)}` });
  return null;
}
