import 'server-only';

/** Calls between services as a trace store holds them: `count` calls from parent to child at `atMs`. */
export interface TraceCall {
  parent: string;
  child: string;
  count: number;
  atMs: number;
}

/**
 * The calls a query for (startMs, endMs) sees. Jaeger's memory store keeps a trace when one of its spans
 * starts strictly inside the window (traceIsBetweenStartAndEnd); each call here stands for such a span.
 */
export const callsBetween = (calls: readonly TraceCall[], startMs: number, endMs: number) => calls.filter((c) => c.atMs > startMs && c.atMs < endMs);

/** What the contract servers can be told to do instead of answering. */
export type ContractMode = 'ok' | 'fail' | 'hang' | 'garbage';
