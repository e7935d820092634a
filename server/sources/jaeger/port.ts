import 'server-only';
import type { DependencyLink } from '@/lib/schemas/traces';

export interface TraceCallOptions {
  signal?: AbortSignal;
}

/**
 * The tracing backend (Jaeger's query service, over its HTTP JSON API or gRPC api_v2). Every method
 * throws SourceFailure with kind bad_query / timeout / unavailable / bad_response / not_found; wire
 * types never leave the adapter. Trace search joins this port later (issue 6).
 */
export interface TraceSource {
  /** "jaeger", used in SourceError.source and the BFF's own metrics. */
  readonly name: string;
  /**
   * Service-to-service links seen in traces over [startMs, endMs]: one per (parent, child) with the
   * call counts added up, in no particular order.
   */
  dependencies(opts: TraceCallOptions & { startMs: number; endMs: number }): Promise<DependencyLink[]>;
  /** Releases connections (the gRPC channel); the source must not be used afterwards. */
  close(): void;
}
