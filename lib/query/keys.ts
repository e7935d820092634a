/**
 * Query keys for the BFF API. A key holds exactly what changes the answer: the range as the URL
 * spells it ("now-15m" stays a string, so a refetch re-resolves it against a later "now" on the server),
 * the service, and for charts the width bucket that picks the step. The refresh interval changes how
 * often we ask, not what comes back, so it is never part of a key.
 */
export interface TimeRange {
  from: string;
  to: string;
}

const range = (r: TimeRange) => ({ from: r.from, to: r.to });

export const serviceKeys = {
  all: ['services'] as const,
  list: (r: TimeRange) => ['services', 'list', range(r)] as const,
  detail: (name: string, r: TimeRange) => ['services', 'detail', name, range(r)] as const,
  red: (name: string, r: TimeRange, width: number) => ['services', 'red', name, { ...range(r), width }] as const,
};

export const edgeKeys = {
  /** source null: every caller of target. */
  red: (source: string | null, target: string, r: TimeRange, width: number) => ['edges', 'red', source, target, { ...range(r), width }] as const,
};
