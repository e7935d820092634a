/** Prometheus rejects a range query with more than 11,000 points per series. */
export const MAX_POINTS = 11_000;

/**
 * The step for a range query: about one point per `pixelsPerPoint` pixels of panel width, never finer
 * than `minStepMs` (the scrape interval: finer steps only repeat samples), and never so fine that the
 * range would exceed MAX_POINTS. Rounded up to whole seconds so cache keys line up.
 */
export function chooseStepMs(opts: { startMs: number; endMs: number; widthPx: number; minStepMs: number; pixelsPerPoint?: number }): number {
  const range = Math.max(1, opts.endMs - opts.startMs);
  const points = Math.max(1, Math.floor(Math.max(1, opts.widthPx) / (opts.pixelsPerPoint ?? 2)));
  const byWidth = range / points;
  const byLimit = range / (MAX_POINTS - 1);
  const step = Math.max(byWidth, byLimit, opts.minStepMs, 1000);
  return Math.ceil(step / 1000) * 1000;
}

/**
 * The window for rate() in a range query, as Grafana's $__rate_interval: at least four scrapes, so a
 * missed scrape does not make a gap, and at least one step plus a scrape, so no sample is skipped.
 */
export function rateWindowMs(stepMs: number, scrapeIntervalMs: number): number {
  return Math.max(stepMs + scrapeIntervalMs, 4 * scrapeIntervalMs);
}
