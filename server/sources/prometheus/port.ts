import 'server-only';
import type { PromAlert, PromRuleGroup, PromTarget } from '@/lib/schemas/prometheus';

/** One element of an instant vector. value may be NaN or ±Infinity (Prometheus sends them as strings). */
export interface PromSample {
  labels: Record<string, string>;
  value: number;
}

/** One series of a range result; points are [unix ms, value], oldest first. */
export interface PromSeries {
  labels: Record<string, string>;
  points: Array<[number, number]>;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * The metrics backend (Prometheus, or anything that speaks its HTTP API: VictoriaMetrics, Thanos,
 * Mimir). Every method throws SourceFailure with kind bad_query / execution / timeout / unavailable /
 * bad_response; wire types never leave the adapter.
 */
export interface PrometheusSource {
  readonly name: string;
  /** Instant query. A scalar result comes back as one sample with no labels. */
  instant(query: string, opts?: CallOptions & { timeMs?: number }): Promise<PromSample[]>;
  /** Range query; the step is clamped so the range never exceeds 11,000 points. */
  range(query: string, opts: CallOptions & { startMs: number; endMs: number; stepMs: number }): Promise<PromSeries[]>;
  series(matchers: string[], opts?: CallOptions & { startMs?: number; endMs?: number }): Promise<Array<Record<string, string>>>;
  labelNames(opts?: CallOptions & { matchers?: string[]; startMs?: number; endMs?: number }): Promise<string[]>;
  labelValues(label: string, opts?: CallOptions & { matchers?: string[]; startMs?: number; endMs?: number }): Promise<string[]>;
  rules(opts?: CallOptions & { type?: 'alert' | 'record' }): Promise<PromRuleGroup[]>;
  alerts(opts?: CallOptions): Promise<PromAlert[]>;
  targets(opts?: CallOptions): Promise<PromTarget[]>;
}
