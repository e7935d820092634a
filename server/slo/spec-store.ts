import 'server-only';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Slo, SpecProblem } from '@/lib/schemas/slo';
import { parseSpecSet, type SpecFile } from '@/lib/slo/parse-spec';
import { Listeners } from '@/server/sources/registry/listeners';

/** The loaded SLOs and what kept others from loading; the views and the rule generator read this. */
export interface SloStore {
  /** Every SLO that loaded, in file order (files sorted within a directory, documents in order). */
  list(): Slo[];
  get(id: string): Slo | undefined;
  /** Why specs (or files) did not load: file, field, line and reason. */
  problems(): SpecProblem[];
  /** The spec files read, in order. */
  files(): string[];
  /** Called after every load that changed something. */
  subscribe(fn: () => void): () => void;
  /** Reads the files again now (the poll does it on its own). */
  reload(): void;
  close(): Promise<void>;
}

const SPEC_FILE = /\.(ya?ml|json)$/i;

/**
 * SLO specs from the configured paths (files, or directories of *.yaml / *.yml / *.json, not recursive,
 * relative to the working directory). Re-read when any content changes, by polling the content like the
 * static registry does (server/sources/registry/static.ts explains why not mtimes or fs.watch). Unlike
 * the registry, a broken edit does not keep the old SLO: the issue asks that a malformed spec be
 * rejected with its reason, and an SLO silently stuck on last week's objective would be worse.
 */
export function createSpecStore(opts: { paths: readonly string[]; editableFile?: string | null; pollMs?: number; log?: (line: string) => void }): SloStore {
  // The UI's file (server/slo/spec-editor.ts) is read last, and only once it exists: before the first edit it need not.
  const editable = opts.editableFile ?? null;
  const paths = editable === null || opts.paths.includes(editable) ? opts.paths : [...opts.paths, editable];
  const log = opts.log ?? ((line) => console.warn(line));
  const listeners = new Listeners();
  let slos: Slo[] = [];
  let byId = new Map<string, Slo>();
  let problems: SpecProblem[] = [];
  let files: string[] = [];
  let lastHash: string | null = null;

  const load = (): void => {
    const read = readSpecFiles(paths, editable);
    const hash = createHash('sha256').update(JSON.stringify(read)).digest('hex');
    if (hash === lastHash) return;
    lastHash = hash;
    const parsed = parseSpecSet(read.files);
    slos = parsed.slos;
    byId = new Map(slos.map((s) => [s.id, s]));
    problems = [...read.problems, ...parsed.problems];
    files = read.files.map((f) => f.file);
    if (paths.length) log(summarize(slos.length, files.length, problems));
    listeners.notify();
  };

  load();
  // Nothing configured, nothing to watch.
  const timer = paths.length ? setInterval(load, opts.pollMs ?? 2000) : null;
  timer?.unref();

  return {
    list: () => slos,
    get: (id) => byId.get(id),
    problems: () => problems,
    files: () => files,
    subscribe: (fn) => listeners.add(fn),
    reload: load,
    close: async () => {
      if (timer) clearInterval(timer);
    },
  };
}

function summarize(loaded: number, fileCount: number, problems: SpecProblem[]): string {
  const head = `[switchyard] SLO specs: ${loaded} loaded from ${fileCount} file(s)`;
  if (problems.length === 0) return head;
  const lines = problems.map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''} ${p.field || '(document)'}: ${p.message}`);
  return `${head}, ${problems.length} problem(s):\n${lines.join('\n')}`;
}

/** The files under the paths with their text; a path or file that cannot be read is a problem. */
function readSpecFiles(paths: readonly string[], mayBeMissing: string | null): { files: SpecFile[]; problems: SpecProblem[] } {
  const files: SpecFile[] = [];
  const problems: SpecProblem[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    try {
      files.push({ file, text: readFileSync(file, 'utf8') });
    } catch (err) {
      problems.push({ file, field: '', message: `cannot be read: ${(err as Error).message}` });
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (err) {
      if (path === mayBeMissing && (err as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push({ file: path, field: '', message: `cannot be read: ${(err as Error).message}` });
      continue;
    }
    if (!isDir) {
      add(path);
      continue;
    }
    let names: string[];
    try {
      // stat, not the dirent type: ConfigMap mounts make every file a symlink.
      names = readdirSync(path)
        .filter((n) => SPEC_FILE.test(n) && !n.startsWith('.') && isFile(join(path, n)))
        .sort();
    } catch (err) {
      problems.push({ file: path, field: '', message: `cannot be listed: ${(err as Error).message}` });
      continue;
    }
    for (const name of names) add(join(path, name));
  }
  return { files, problems };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
