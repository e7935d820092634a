import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { Document, isMap, isSeq, parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import type { SloSpecText, SloSpecWritten } from '@/lib/schemas/slo-edit';
import { sloToSwitchyardYaml } from '@/lib/slo/export-switchyard';
import { parseSpecFile } from '@/lib/slo/parse-spec';
import { InputError, NotFoundError } from '@/server/runtime/errors';
import { SpecInvalidError, SpecRefusedError, SpecStaleError } from './spec-edit-errors';
import type { SloStore } from './spec-store';

/**
 * Writes SLO edits from the UI to the one editable file (config slo.editableFile, docs/slo.md "Editing
 * in the UI"). Specs in the other files are someone's GitOps source, so they are never written here.
 * Every write is compare-and-set on the file's content hash (a stale editor gets a 409 with the file as
 * it is now), atomic (temp file, fsync, rename, so a crash or the store's poll never sees half a file),
 * and followed by an immediate store reload. The read-compare-write runs synchronously, so two requests
 * in this process cannot interleave; two processes sharing the file are not guarded beyond the hash.
 */
export interface SpecEditor {
  readonly file: string | null;
  /** The editable file's text ("" before the first write) and its hash. */
  read(): { text: string; hash: string };
  /** Any loaded SLO (or a broken entry in the editable file) as one document of our format. */
  specText(id: string): SloSpecText;
  /** Creates or replaces the SLO `id` in the editable file from one posted document (YAML or JSON). */
  put(id: string, text: string, expectedHash: string): SloSpecWritten;
  remove(id: string, expectedHash: string): SloSpecWritten;
}

const EMPTY_LIST = 'apiVersion: switchyard/v1\nkind: SLOList\nslos: []\n';
const POSTED = '(edited spec)';

export const contentHash = (text: string): string => createHash('sha256').update(text).digest('hex');

export function createSpecEditor(opts: { file: string | null; store: SloStore }): SpecEditor {
  const { file, store } = opts;

  const read = (): { text: string; hash: string } => {
    if (file === null) return { text: '', hash: contentHash('') };
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    return { text, hash: contentHash(text) };
  };

  const writable = (expectedHash: string): { path: string; text: string } => {
    if (file === null) throw new SpecRefusedError('editing_disabled', 'editing SLOs in the UI is off: set slo.editableFile in the configuration (docs/slo.md)');
    const current = read();
    if (current.hash !== expectedHash) throw new SpecStaleError(current);
    return { path: file, text: current.text };
  };

  const commit = (path: string, doc: Document, id: string): SloSpecWritten => {
    const text = doc.toString({ lineWidth: 0 });
    writeAtomically(path, text);
    store.reload();
    return { id, file: path, hash: contentHash(text) };
  };

  return {
    file,
    read,
    specText(id) {
      const { text, hash } = read();
      const base = { id, editableFile: file, hash: file === null ? null : hash };
      if (file !== null && text) {
        const found = findEntry(listDocument(text, file), id);
        if (found) return { ...base, text: entryAsDocument(found.node), file, editable: true };
      }
      const slo = store.get(id);
      if (!slo) throw new NotFoundError(`no SLO with id "${id}" is loaded`);
      return { ...base, text: sloToSwitchyardYaml(slo), file: slo.source.file, editable: false };
    },
    put(id, posted, expectedHash) {
      const node = parsePosted(id, posted);
      const { path, text } = writable(expectedHash);
      const doc = listDocument(text || EMPTY_LIST, path);
      const found = findEntry(doc, id);
      const elsewhere = store.get(id);
      if (!found && elsewhere && elsewhere.source.file !== path) {
        throw new SpecRefusedError('id_taken', `id "${id}" is already used by ${elsewhere.source.file}: ids must be unique across all SLO files; choose another`);
      }
      const slos = doc.get('slos') as YAMLSeq;
      slos.flow = false;
      if (found) slos.items[found.index] = node;
      else slos.items.push(node);
      return commit(path, doc, id);
    },
    remove(id, expectedHash) {
      const { path, text } = writable(expectedHash);
      const doc = listDocument(text || EMPTY_LIST, path);
      const found = findEntry(doc, id);
      if (!found) {
        const elsewhere = store.get(id);
        if (elsewhere) throw new SpecRefusedError('read_only', `SLO "${id}" is defined in ${elsewhere.source.file}, not in the editable file: change it there`);
        throw new NotFoundError(`no SLO with id "${id}" in ${path}`);
      }
      (doc.get('slos') as YAMLSeq).items.splice(found.index, 1);
      return commit(path, doc, id);
    },
  };
}

/**
 * The posted text as the list entry to store: it must be exactly one `kind: SLO` document of our
 * format that parses (the same parser the store uses, so what saves also loads), with the path's id.
 */
function parsePosted(id: string, text: string): YAMLMap {
  const parsed = parseSpecFile(POSTED, text);
  if (parsed.problems.length) throw new SpecInvalidError(parsed.problems);
  const doc = parseDocument(text);
  const contents = doc.contents;
  const head = doc.toJS() as Record<string, unknown> | null;
  if (!isMap(contents) || head?.apiVersion !== 'switchyard/v1' || head.kind !== 'SLO' || parsed.slos.length !== 1) {
    throw new SpecInvalidError([{ file: POSTED, field: 'kind', message: 'post one document with apiVersion: switchyard/v1 and kind: SLO (convert other formats first; docs/slo.md)' }]);
  }
  if (parsed.slos[0]!.id !== id) throw new InputError(`id: the spec says "${parsed.slos[0]!.id}" but the URL says "${id}"; to copy an SLO, save it under its new id`, 'id');
  // A JSON post (flow style, quoted keys): store it as plain block YAML like the rest of the file.
  const node = contents.flow ? (new Document(head).contents as YAMLMap) : contents;
  node.delete('apiVersion');
  node.delete('kind');
  return node;
}

/** The editable file as a document holding an SLOList; anything else is refused rather than overwritten. */
function listDocument(text: string, path: string): Document {
  const doc = parseDocument(text);
  const head = doc.errors.length ? null : (doc.toJS() as Record<string, unknown> | null);
  if (head?.apiVersion !== 'switchyard/v1' || head.kind !== 'SLOList' || !isSeq(doc.get('slos'))) {
    throw new SpecRefusedError('read_only', `${path} is not a switchyard/v1 SLOList (or has YAML errors); fix it by hand before editing in the UI`);
  }
  return doc;
}

function findEntry(doc: Document, id: string): { index: number; node: YAMLMap } | null {
  const slos = doc.get('slos') as YAMLSeq;
  const index = slos.items.findIndex((n) => isMap(n) && n.get('id') === id);
  return index < 0 ? null : { index, node: slos.items[index] as YAMLMap };
}

function entryAsDocument(node: YAMLMap): string {
  const doc = parseDocument('apiVersion: switchyard/v1\nkind: SLO\n');
  const head = doc.contents as YAMLMap;
  for (const pair of node.items) head.items.push(pair);
  return doc.toString({ lineWidth: 0 });
}

/** Temp file in the same directory (rename is atomic only within one file system), fsync, rename, fsync the directory. */
function writeAtomically(path: string, text: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  // A dot-name ending in .tmp: the store's directory listing skips it.
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'w', 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
  try {
    const d = openSync(dir, 'r');
    try {
      fsyncSync(d);
    } finally {
      closeSync(d);
    }
  } catch {
    // Some platforms cannot fsync a directory; the rename is still atomic.
  }
}
