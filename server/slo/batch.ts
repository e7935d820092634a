import 'server-only';
import { batchQuery } from '@/lib/slo/promql';
import { SourceFailure } from '@/server/runtime/errors';
import type { ErrorList } from '@/server/services/source-errors';
import type { PromSample } from '@/server/sources/prometheus/port';

export interface BatchItem {
  id: string;
  expr: string;
}

export interface BatchResult {
  /** slo_id → value (NaN when Prometheus computed 0/0). Missing: no series for that SLO. */
  values: Map<string, number>;
  /** slo_id → every series with it: the grouped parts (lib/slo/grouped.ts) answer one per service. */
  series: Map<string, PromSample[]>;
  /** SLOs whose value is unknown because the query failed (the reason is in problems or errors). */
  failed: Set<string>;
}

/**
 * Runs one query for many SLOs (batchQuery: one series per slo_id, or per group for the grouped parts)
 * and maps the answer back. `exec` sends it: an instant query, or a range query folded into one value
 * per series (compute.ts's coverage counts points).
 *
 * Prometheus rejects the whole query when one SLO's user-written PromQL is wrong, so a rejection
 * (bad_query, execution) is bisected: halves are retried until the offending SLOs are alone, and only
 * they get a problem. Normal cost stays one query; k broken SLOs of n cost about 2k·log2(n) more.
 * Outages and timeouts are not bisected: every SLO of the batch is marked failed and the error is
 * reported once through `errors`.
 */
export async function runBatch(
  source: string,
  items: BatchItem[],
  exec: (query: string) => Promise<PromSample[]>,
  signal: AbortSignal | undefined,
  errors: ErrorList,
  problems: (id: string, message: string) => void,
): Promise<BatchResult> {
  const result: BatchResult = { values: new Map(), series: new Map(), failed: new Set() };
  const run = async (part: BatchItem[]): Promise<void> => {
    if (part.length === 0) return;
    try {
      const samples = await exec(batchQuery(part));
      for (const s of samples) {
        const id = s.labels.slo_id;
        if (id === undefined) continue;
        result.values.set(id, s.value);
        const list = result.series.get(id);
        if (list) list.push(s);
        else result.series.set(id, [s]);
      }
    } catch (err) {
      const rejected = err instanceof SourceFailure && (err.kind === 'bad_query' || err.kind === 'execution');
      if (!rejected || signal?.aborted) {
        errors.add(err, source);
        for (const it of part) result.failed.add(it.id);
        return;
      }
      if (part.length === 1) {
        problems(part[0]!.id, `${source} rejected the SLO's query: ${err.detail}`);
        result.failed.add(part[0]!.id);
        return;
      }
      const mid = Math.ceil(part.length / 2);
      await Promise.all([run(part.slice(0, mid)), run(part.slice(mid))]);
    }
  };
  await run(items);
  return result;
}
