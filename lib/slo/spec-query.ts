import { WINDOW_PLACEHOLDER } from '../schemas/slo';
import { escapeLabelValue } from '../promql/escape';

/**
 * The little PromQL reading the importers need: where the range selectors are (to put the SLO window
 * into queries written with a literal `[5m]`), and metric selectors (Pyrra's `metric` fields). Not a
 * PromQL parser: it knows strings, comments, braces, brackets and which function a bracket sits in,
 * which is enough to refuse what it cannot rewrite faithfully.
 */

interface RangeSelector {
  /** Index of `[` and of the matching `]`. */
  open: number;
  close: number;
  body: string;
  /** Name of the innermost function call around it, '' for a bare parenthesis, null at top level. */
  fn: string | null;
}

function skipString(q: string, i: number): number {
  const quote = q[i]!;
  for (let j = i + 1; j < q.length; j++) {
    if (quote !== '`' && q[j] === '\\') j++;
    else if (q[j] === quote) return j;
  }
  return q.length;
}

function scanRanges(q: string): RangeSelector[] {
  const out: RangeSelector[] = [];
  const calls: string[] = [];
  let braces = 0;
  for (let i = 0; i < q.length; i++) {
    const c = q[i]!;
    if (c === '"' || c === "'" || c === '`') i = skipString(q, i);
    else if (c === '#') {
      const eol = q.indexOf('\n', i);
      i = eol < 0 ? q.length : eol;
    }
    else if (c === '{') braces++;
    else if (c === '}') braces = Math.max(0, braces - 1);
    else if (braces > 0) continue;
    else if (c === '(') calls.push(/([A-Za-z_][A-Za-z0-9_]*)\s*$/.exec(q.slice(0, i))?.[1] ?? '');
    else if (c === ')') calls.pop();
    else if (c === '[') {
      const close = q.indexOf(']', i);
      if (close < 0) break;
      out.push({ open: i, close, body: q.slice(i + 1, close).trim(), fn: calls.length ? calls[calls.length - 1]! : null });
      i = close;
    }
  }
  return out;
}

const WINDOW_FUNCTIONS = new Set(['rate', 'increase']);

/**
 * A ratio query with the window placeholder, or why it cannot get one:
 * - a query with `{{.window}}` is kept as written;
 * - a query whose range selectors all sit directly in rate() or increase() and share one duration
 *   (`sum(rate(x[5m]))`) gets that duration replaced: good(W)/total(W) is what the author meant, measured
 *   over the SLO's windows instead of 5 minutes;
 * - a bare metric selector of a counter (`http_requests_total{code="200"}`, OpenSLO `counter: true`)
 *   becomes `sum(rate(<selector>[{{.window}}]))`.
 * Anything else (subqueries, mixed ranges, ranges in other functions, gauges) is refused: rewriting it
 * would change what it measures.
 */
export function windowedQuery(query: string, opts: { counter: boolean | undefined }): { query: string } | { error: string } {
  const q = query.trim();
  if (q.includes(WINDOW_PLACEHOLDER)) return { query: q };
  const ranges = scanRanges(q);
  if (ranges.length === 0) {
    if (parseSelector(q) === null) {
      return { error: `has no range selector to put the SLO window in: write it with ${WINDOW_PLACEHOLDER}, e.g. sum(rate(metric[${WINDOW_PLACEHOLDER}]))` };
    }
    if (opts.counter !== true) {
      return { error: `is a bare selector without counter: true; only a counter's selector can be turned into events (sum(rate(<selector>[${WINDOW_PLACEHOLDER}])))` };
    }
    return { query: `sum(rate(${q}[${WINDOW_PLACEHOLDER}]))` };
  }
  const sub = ranges.find((r) => r.body.includes(':'));
  if (sub) return { error: `has a subquery [${sub.body}], which cannot be moved to the SLO window; write the query with ${WINDOW_PLACEHOLDER}` };
  const bad = ranges.find((r) => !/^(\d+(ms|[smhdwy]))+$/.test(r.body));
  if (bad) return { error: `has a range [${bad.body}] that is not a duration` };
  const outside = ranges.find((r) => r.fn === null || !WINDOW_FUNCTIONS.has(r.fn));
  if (outside) {
    const where = outside.fn ? `${outside.fn}()` : 'no function';
    return { error: `has the range [${outside.body}] in ${where}; only rate() and increase() ranges can be moved to the SLO window (write ${WINDOW_PLACEHOLDER} yourself)` };
  }
  const durations = [...new Set(ranges.map((r) => r.body))];
  if (durations.length > 1) {
    return { error: `mixes ranges ${durations.map((d) => `[${d}]`).join(' and ')}; which one is the SLO window is ambiguous: write ${WINDOW_PLACEHOLDER} where you mean it` };
  }
  let out = '';
  let last = 0;
  for (const r of ranges) {
    out += `${q.slice(last, r.open)}[${WINDOW_PLACEHOLDER}]`;
    last = r.close + 1;
  }
  return { query: out + q.slice(last) };
}

export interface LabelMatcher {
  label: string;
  op: '=' | '!=' | '=~' | '!~';
  value: string;
}

export interface MetricSelector {
  name: string | null;
  matchers: LabelMatcher[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`)\s*(,|$)/;

/** Unquotes a PromQL string literal (Go escapes; backquotes are raw). */
function unquote(lit: string): string {
  const body = lit.slice(1, -1);
  if (lit.startsWith('`')) return body;
  return body.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

/** `name{label="v",...}`, `name` or `{label="v"}`; null when the text is anything else. */
export function parseSelector(text: string): MetricSelector | null {
  let rest = text.trim();
  const name = NAME.exec(rest)?.[0] ?? null;
  if (name) rest = rest.slice(name.length).trimStart();
  const matchers: LabelMatcher[] = [];
  if (rest.startsWith('{') && rest.endsWith('}')) {
    let inner = rest.slice(1, -1);
    while (inner.trim() !== '') {
      const m = MATCHER.exec(inner);
      if (!m) return null;
      matchers.push({ label: m[1]!, op: m[2] as LabelMatcher['op'], value: unquote(m[3]!) });
      inner = inner.slice(m[0].length);
    }
    rest = '';
  }
  if (rest !== '' || (name === null && matchers.length === 0)) return null;
  return { name, matchers };
}

/** `label="value"` with the value escaped the way lib/promql writes matchers. */
export function formatMatcher(m: LabelMatcher): string {
  return `${m.label}${m.op}"${escapeLabelValue(m.value)}"`;
}
