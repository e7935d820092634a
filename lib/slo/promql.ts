import type { ProfileSpec } from '../schemas/config';
import { WINDOW_PLACEHOLDER, type Slo } from '../schemas/slo';
import { escapeLabelValue, matcher } from '../promql/escape';
import { ERRORS, RATE, edgeTotalQuery, serviceTotalQuery } from '../promql/red';

/**
 * PromQL for an SLO's events over a window W (a PromQL duration such as "5m", "30d" or "2419200000ms").
 * The live numbers (server/slo/) and the generated recording rules (lib/slo/rules.ts) both take their
 * expressions from errorRatio() here, so they cannot drift apart.
 *
 * - Every user query is wrapped in sum(): a single series with no labels, in events per second or
 *   events over W. Only ratios are used, and both sides share the unit.
 * - A bad (or good) query with no series at all (no 5xx has ever happened) means 0 such events, not
 *   "no data": `or vector(0)`. Zero traffic still gives 0/0 = NaN and no total series gives nothing;
 *   callers report both as no data.
 * - errorRatio() names each selector once (2 per SLO): with 500 SLOs in one query, selectors are what
 *   Prometheus spends its time on. For `good` queries that is 1 − good/total, not (total − good)/total.
 * - Latency: good = the bucket at the threshold, without the fallback, so a threshold that is not a
 *   bucket bound gives no data rather than a made-up 0 % SLI.
 */
export interface SloQueries {
  /** Bad events over W (for step sums, e.g. the calendar-month budget chart). */
  bad(window: string): string;
  total(window: string): string;
  /** bad(W) / total(W): the error ratio the SLI, burn rates and budget are computed from. */
  errorRatio(window: string): string;
}

export const withWindow = (query: string, window: string) => query.split(WINDOW_PLACEHOLDER).join(window);

const selector = (metric: string, matchers: string[]) => (matchers.length ? `${metric}{${matchers.join(',')}}` : metric);

/** A missing error (or good) series is zero events while there is traffic. */
const orZero = (q: string) => `(${q} or vector(0))`;

export function sloQueries(slo: Pick<Slo, 'service' | 'indicator'>, profile: ProfileSpec): SloQueries {
  const ind = slo.indicator;
  let total: (w: string) => string;
  switch (ind.kind) {
    case 'ratio': {
      total = (w) => `sum(${withWindow(ind.total, w)})`;
      if (ind.bad !== undefined) {
        const b = ind.bad;
        const bad = (w: string) => orZero(`sum(${withWindow(b, w)})`);
        return { bad, total, errorRatio: (w) => `${bad(w)} / ${total(w)}` };
      }
      const g = ind.good!;
      const good = (w: string) => orZero(`sum(${withWindow(g, w)})`);
      return { bad: (w) => `(${total(w)} - ${good(w)})`, total, errorRatio: (w) => `1 - ${good(w)} / ${total(w)}` };
    }
    case 'latency': {
      const h = ind.histogram;
      total = (w) => `sum(rate(${selector(`${h}_count`, ind.matchers)}[${w}]))`;
      const good = (w: string) => `sum(rate(${selector(`${h}_bucket`, [...ind.matchers, matcher('le', leRegex(ind.threshold), '=~')])}[${w}]))`;
      return { bad: (w) => `(${total(w)} - ${good(w)})`, total, errorRatio: (w) => `1 - ${good(w)} / ${total(w)}` };
    }
    case 'service-availability': {
      total = (w) => serviceTotalQuery(profile, RATE, w, slo.service);
      const bad = (w: string) => orZero(serviceTotalQuery(profile, ERRORS, w, slo.service));
      return { bad, total, errorRatio: (w) => `${bad(w)} / ${total(w)}` };
    }
    case 'edge-availability': {
      const ends = { client: ind.source, server: slo.service };
      total = (w) => edgeTotalQuery(profile, RATE, w, ends);
      const bad = (w: string) => orZero(edgeTotalQuery(profile, ERRORS, w, ends));
      return { bad, total, errorRatio: (w) => `${bad(w)} / ${total(w)}` };
    }
  }
}

/**
 * An RE2 regex matching every way exporters and Prometheus spell the bucket bound `x` in `le`:
 * "0.5", "0.50", "5e-01", "1", "1.0" (Prometheus 3 normalises integers to "1.0"), "1e+06" (Go's %g for
 * large and small bounds). Matching one string such as String(x) would miss the histogram of another
 * client library and report "no data" for a valid threshold.
 */
export function leRegex(x: number): string {
  if (!(Number.isFinite(x) && x > 0)) throw new Error(`a bucket bound must be a positive finite number, got ${x}`);
  const [mant, expText] = x.toExponential().split('e') as [string, string];
  const digits = mant.replace('.', ''); // significant digits, no trailing zeros (shortest round-trip form)
  const exp = Number(expText);
  // Decimal: the digit string with the point moved by the exponent.
  let intPart: string;
  let frac: string;
  if (exp >= 0) {
    intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    frac = digits.slice(exp + 1);
  } else {
    intPart = '0';
    frac = '0'.repeat(-exp - 1) + digits;
  }
  const decimal = frac ? `0*${intPart}\\.${frac}0*` : `0*${intPart}(\\.0*)?`;
  const rest = digits.slice(1);
  const mantissa = rest ? `${digits[0]}\\.${rest}0*` : `${digits[0]}(\\.0*)?`;
  const exponent = exp === 0 ? '[+-]?0+' : exp > 0 ? `\\+?0*${exp}` : `-0*${-exp}`;
  return `${decimal}|${mantissa}[eE]${exponent}`;
}

/**
 * One query for many SLOs: each SLO's expression tagged with its id and OR-ed. Every part is a single
 * series with a distinct slo_id, so `or` keeps them all; the query count stays fixed (one per window)
 * whatever the number of SLOs, and the body grows linearly (sent as a POST form, so no URL limit).
 *
 * Why not one `sum by (job)` query per indicator shape: only profile-based SLOs share a shape; ratio
 * SLOs are arbitrary PromQL. Tagging works for all of them, and one failing SLO is isolated by
 * bisecting the batch (server/slo/batch.ts).
 */
export function batchQuery(items: Array<{ id: string; expr: string }>): string {
  return balancedOr(items.map(({ id, expr }) => `label_replace(${expr}, "slo_id", "${escapeLabelValue(id)}", "", "")`));
}

/**
 * `a or b or c …` nested as a balanced tree. Prometheus evaluates `x or y` by hashing every series of
 * x, so a left-deep chain of n parts hashes O(n²) series per evaluation step (500 SLOs in a 720-step
 * coverage subquery took minutes); a balanced tree hashes O(n log n).
 */
export function balancedOr(parts: string[]): string {
  if (parts.length <= 2) return parts.join(' or ');
  const mid = Math.ceil(parts.length / 2);
  const side = (p: string[]) => (p.length > 1 ? `(${balancedOr(p)})` : p[0]!);
  return `${side(parts.slice(0, mid))} or ${side(parts.slice(mid))}`;
}

/** A duration PromQL accepts for any span: whole ms (2.42 and 3.x parse "2419200000ms"). */
export function promMs(ms: number): string {
  return `${Math.max(1, Math.round(ms))}ms`;
}
