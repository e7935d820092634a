import type { z } from 'zod';
import type { Slo, SloIndicator } from '../schemas/slo';

/**
 * What every importer (lib/slo/import-*.ts) hands to parse-spec: SLO drafts in the internal shape, not
 * yet validated, each remembering where its fields came from, plus the problems it found itself. Paths
 * are relative to the YAML document, so parse-spec can name the field and find its line.
 */
export type SpecPath = ReadonlyArray<string | number>;

export interface SpecIssue {
  path: SpecPath;
  message: string;
}

/** The Slo fields an importer fills (source is added by parse-spec). */
export type SloDraftFields = Omit<z.input<typeof Slo>, 'source'>;

export interface SloDraft {
  /** Where the SLO sits in its document: [] for a whole document, ['slos', 2] for a list entry. */
  at: SpecPath;
  /**
   * The spec field each Slo field was read from, when it is not `at` + the same name (e.g. Sloth's
   * objective percent feeds `objective`): a problem found later in that field points there.
   */
  from: Partial<Record<keyof SloDraftFields, SpecPath>>;
  slo: SloDraftFields;
}

export interface ImportResult {
  drafts: SloDraft[];
  issues: SpecIssue[];
}

/** An OpenSLO SLI looked up by name across every loaded file (indicatorRef). */
export type SliLookup = (name: string) => { indicator: z.input<typeof SloIndicator> } | { error: string };

/** `slos[1].sli.events["error_query"]`: the path as a person reads it in the spec. */
export function formatPath(path: SpecPath): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(p)) out += out ? `.${p}` : p;
    else out += `[${JSON.stringify(p)}]`;
  }
  return out;
}

/** Zod issues of a wire-format parse, as spec issues under `base`. */
export function zodIssues(error: z.ZodError, base: SpecPath): SpecIssue[] {
  return error.issues.map((i) => ({ path: [...base, ...i.path.filter((p): p is string | number => typeof p !== 'symbol')], message: i.message }));
}
