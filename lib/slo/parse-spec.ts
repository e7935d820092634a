import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import { Slo, type SpecFormat, type SpecProblem } from '../schemas/slo';
import { importOpenSlo, importOpenSloSli, OPENSLO_IGNORED_KINDS } from './import-openslo';
import { importPyrra } from './import-pyrra';
import { importSloth } from './import-sloth';
import { importSwitchyard } from './import-switchyard';
import { formatPath, type ImportResult, type SliLookup, type SpecPath } from './spec-types';

/**
 * Spec files → SLOs. Every file may hold several YAML documents (JSON is YAML too), each in any of the
 * four formats, told apart by apiVersion / version. Whatever fails becomes a SpecProblem naming the
 * file, the field and the line; it never hides the other documents or SLOs. Across the whole set:
 * OpenSLO indicatorRef finds SLI documents in any file, and an id defined twice loads neither copy
 * (which one is meant is a guess; both places are named).
 */

export interface SpecFile {
  file: string;
  text: string;
}

export interface ParsedSpecs {
  slos: Slo[];
  problems: SpecProblem[];
}

interface LoadedDoc {
  file: string;
  index: number;
  value: Record<string, unknown>;
  format: SpecFormat;
  line: (path: SpecPath) => number | undefined;
}

export function parseSpecFile(file: string, text: string): ParsedSpecs {
  return parseSpecSet([{ file, text }]);
}

export function parseSpecSet(files: readonly SpecFile[]): ParsedSpecs {
  const problems: SpecProblem[] = [];
  const docs = files.flatMap((f) => readDocuments(f, problems));
  const problem = (d: LoadedDoc, path: SpecPath, message: string) => problems.push(withLine({ file: d.file, field: formatPath(path), message }, d.line(path)));

  const slis = new Map<string, Array<{ doc: LoadedDoc; ok: ReturnType<typeof importOpenSloSli> }>>();
  for (const d of docs) {
    if (d.format !== 'openslo' || d.value.kind !== 'SLI') continue;
    const r = importOpenSloSli(d.value);
    for (const i of r.issues) problem(d, i.path, i.message);
    if (r.name !== null) slis.set(r.name, [...(slis.get(r.name) ?? []), { doc: d, ok: r }]);
  }
  const sli: SliLookup = (name) => {
    const found = slis.get(name) ?? [];
    const where = (d: LoadedDoc) => place(d.file, d.line(['metadata', 'name']));
    if (found.length === 0) return { error: `no SLI named "${name}" in the loaded spec files` };
    if (found.length > 1) return { error: `the SLI "${name}" is defined more than once (${found.map((f) => where(f.doc)).join(', ')})` };
    const { doc, ok } = found[0]!;
    if (ok.name === null || ok.indicator === null) return { error: `the SLI "${name}" (${where(doc)}) has problems of its own` };
    return { indicator: ok.indicator };
  };

  const loaded: Array<{ slo: Slo; doc: LoadedDoc; idPath: SpecPath }> = [];
  for (const d of docs) {
    const result = importDocument(d, sli);
    if (!result) continue;
    for (const i of result.issues) problem(d, i.path, i.message);
    for (const draft of result.drafts) {
      const parsed = Slo.safeParse({ ...draft.slo, source: { format: d.format, file: d.file, index: d.index } });
      if (parsed.success) {
        loaded.push({ slo: parsed.data, doc: d, idPath: draft.from.id ?? [...draft.at, 'id'] });
        continue;
      }
      for (const issue of parsed.error.issues) {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        // zod says only "Invalid key in record"; the key's own issue says what is wrong with it.
        const message = issue.code === 'invalid_key' ? `${JSON.stringify(path[path.length - 1])} ${issue.issues[0]?.message ?? 'is not a valid key'}` : issue.message;
        const mapped = draft.from[path[0] as keyof typeof draft.from];
        // A field the importer renamed: point at the spec's field, and say which of ours was wrong.
        if (mapped) problem(d, mapped, `${path.join('.')}: ${message}`);
        else problem(d, [...draft.at, ...path], message);
      }
    }
  }

  const byId = new Map<string, typeof loaded>();
  for (const l of loaded) byId.set(l.slo.id, [...(byId.get(l.slo.id) ?? []), l]);
  const slos: Slo[] = [];
  for (const [id, group] of byId) {
    if (group.length === 1) {
      slos.push(group[0]!.slo);
      continue;
    }
    for (const g of group) {
      const others = group.filter((o) => o !== g).map((o) => place(o.doc.file, o.doc.line(o.idPath)));
      problem(g.doc, g.idPath, `duplicate SLO id "${id}", also defined at ${others.join(', ')}; none of them is loaded until the ids differ`);
    }
  }
  return { slos, problems: sortProblems(problems) };
}

function importDocument(d: LoadedDoc, sli: SliLookup): ImportResult | null {
  switch (d.format) {
    case 'switchyard':
      return importSwitchyard(d.value);
    case 'sloth':
      return importSloth(d.value);
    case 'pyrra':
      return importPyrra(d.value);
    case 'openslo':
      if (d.value.kind === 'SLO') return importOpenSlo(d.value, sli);
      if (d.value.kind === 'SLI' || OPENSLO_IGNORED_KINDS.has(String(d.value.kind))) return null;
      return { drafts: [], issues: [{ path: ['kind'], message: `unknown OpenSLO kind ${JSON.stringify(d.value.kind)}` }] };
  }
}

const FORMATS_HELP = 'apiVersion switchyard/v1, openslo/v1 or pyrra.dev/v1alpha1, or version "prometheus/v1" (Sloth)';

/** Which format a document is in, or why it is none of them. */
function detectFormat(v: Record<string, unknown>): { format: SpecFormat } | { path: SpecPath; message: string } {
  const { apiVersion, version, kind } = v;
  if (apiVersion === 'switchyard/v1') return { format: 'switchyard' };
  if (version === 'prometheus/v1') return { format: 'sloth' };
  if (apiVersion === 'openslo/v1') return { format: 'openslo' };
  if (apiVersion === 'pyrra.dev/v1alpha1') {
    if (kind === 'ServiceLevelObjective') return { format: 'pyrra' };
    return { path: ['kind'], message: `a Pyrra document must be kind ServiceLevelObjective, not ${JSON.stringify(kind)}` };
  }
  if (typeof apiVersion === 'string' && apiVersion.startsWith('openslo/')) return { path: ['apiVersion'], message: `${apiVersion} is not supported: write it as openslo/v1` };
  if (apiVersion === 'sloth.slok.dev/v1') return { path: ['apiVersion'], message: 'the Sloth Kubernetes CRD is not read: use its spec as a plain Sloth file (version: "prometheus/v1")' };
  if (apiVersion !== undefined) return { path: ['apiVersion'], message: `unknown spec format ${JSON.stringify(apiVersion)}: expected ${FORMATS_HELP}` };
  if (version !== undefined) return { path: ['version'], message: `unknown Sloth version ${JSON.stringify(version)}: expected "prometheus/v1"` };
  return { path: [], message: `not an SLO spec: expected ${FORMATS_HELP}` };
}

function readDocuments(f: SpecFile, problems: SpecProblem[]): LoadedDoc[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(f.text, { lineCounter, prettyErrors: true });
  const lineAt = (offset: number) => Math.max(1, lineCounter.linePos(offset).line);
  const out: LoadedDoc[] = [];
  docs.forEach((doc, index) => {
    if (doc.errors.length) {
      // The message carries "at line N, column M" and a code frame; the first line is enough here.
      for (const e of doc.errors) problems.push(withLine({ file: f.file, field: '', message: e.message.split('\n')[0]!.replace(/:$/, '') }, e.linePos?.[0].line));
      return;
    }
    const line = (path: SpecPath) => nodeLine(doc, path, lineAt);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      problems.push(withLine({ file: f.file, field: '', message: (err as Error).message }, line([])));
      return;
    }
    if (value === null || value === undefined) return; // an empty document, e.g. after a trailing ---
    if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push(withLine({ file: f.file, field: '', message: `a spec document must be a mapping, not ${Array.isArray(value) ? 'a list' : typeof value}` }, line([])));
      return;
    }
    const v = value as Record<string, unknown>;
    const detected = detectFormat(v);
    if ('format' in detected) out.push({ file: f.file, index, value: v, format: detected.format, line });
    else problems.push(withLine({ file: f.file, field: formatPath(detected.path), message: detected.message }, line(detected.path)));
  });
  return out;
}

/**
 * The line of the field at path (its key's line, where the reader looks for it), or of the nearest
 * ancestor present in the document when the field is missing.
 */
function nodeLine(doc: Document, path: SpecPath, lineAt: (offset: number) => number): number | undefined {
  let node: unknown = doc.contents;
  let line = isNode(node) && node.range ? lineAt(node.range[0]) : undefined;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === seg);
      if (!pair) break;
      if (isNode(pair.key) && pair.key.range) line = lineAt(pair.key.range[0]);
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      node = node.items[seg];
      if (isNode(node) && node.range) line = lineAt(node.range[0]);
    } else break;
  }
  return line;
}

function withLine(p: SpecProblem, line: number | undefined): SpecProblem {
  return line === undefined ? p : { ...p, line };
}

function place(file: string, line: number | undefined): string {
  return line === undefined ? file : `${file}:${line}`;
}

function sortProblems(ps: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return ps
    .filter((p) => {
      const key = JSON.stringify([p.file, p.line, p.field, p.message]);
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
}
