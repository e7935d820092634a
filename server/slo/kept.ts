import 'server-only';
import type { Slo } from '@/lib/schemas/slo';

/** Kept this long, a value is used as it is. */
export const KEEP_FRESH_MS = 5 * 60_000;
/** Up to this age it is still used, while a refresh runs in the background; older, it is recomputed first. */
export const KEEP_STALE_MS = 60 * 60_000;

interface Entry<V> {
  key: string;
  atMs: number;
  value: V;
}

/** What an SLO's slow parts depend on besides time: a changed spec never reuses them. */
const specKey = (slo: Slo) => JSON.stringify([slo.service, slo.objective, slo.window, slo.indicator]);

/**
 * Per-SLO values of the live /slos view that move in steps of about a day (data coverage, budget
 * sparklines), kept between refreshes so a page polling every few seconds does not make Prometheus
 * read 30 days of raw samples for every SLO each time: those two reads cost as much as the whole
 * status (docs/slo.md, "Budgets"). Only live views (`at=now…`) use it; an absolute `at` is computed
 * exactly, every time.
 *
 * A value computed at t0 is used for t in [t0, t0 + KEEP_FRESH_MS); until KEEP_STALE_MS it is used while
 * one background refresh per SLO recomputes it; after that, or when the spec changed, it is recomputed
 * before answering. Failed computations are not kept.
 */
export class KeptValues<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly refreshing = new Set<string>();

  /** The usable values at t, and the SLOs that have none. Stale ones are refreshed through `refresh`. */
  take(slos: Slo[], tMs: number, refresh: (stale: Slo[], tMs: number) => Promise<Map<string, V> | null>): { values: Map<string, V>; missing: Slo[] } {
    const values = new Map<string, V>();
    const missing: Slo[] = [];
    const stale: Slo[] = [];
    for (const slo of slos) {
      const e = this.entries.get(slo.id);
      const age = e ? tMs - e.atMs : NaN;
      if (!e || e.key !== specKey(slo) || !(age >= 0 && age < KEEP_STALE_MS)) {
        missing.push(slo);
        continue;
      }
      values.set(slo.id, e.value);
      if (age >= KEEP_FRESH_MS && !this.refreshing.has(slo.id)) stale.push(slo);
    }
    if (stale.length) {
      for (const s of stale) this.refreshing.add(s.id);
      void refresh(stale, tMs)
        .then((fresh) => fresh && this.put(stale, tMs, fresh))
        .catch(() => {}) // the entries stay stale; the next refresh tries again
        .finally(() => stale.forEach((s) => this.refreshing.delete(s.id)));
    }
    return { values, missing };
  }

  /** Keeps the values computed at t for these SLOs (an SLO absent from `values` is not kept). */
  put(slos: Slo[], tMs: number, values: Map<string, V>): void {
    for (const slo of slos) {
      if (!values.has(slo.id)) continue;
      const e = this.entries.get(slo.id);
      if (e && e.key === specKey(slo) && e.atMs > tMs) continue; // a newer one is already there
      this.entries.set(slo.id, { key: specKey(slo), atMs: tMs, value: values.get(slo.id)! });
    }
  }

  /** Drops the SLOs no longer loaded. */
  retain(ids: Set<string>): void {
    for (const id of this.entries.keys()) if (!ids.has(id)) this.entries.delete(id);
  }
}
