import 'server-only';
import { SourceFailure } from './errors';
import { bffMetrics } from './metrics';

/** Runs one backend call, recording its latency and outcome, and failures by kind, in the BFF's own metrics. */
export async function observed<T>(source: string, op: string, call: () => Promise<T>): Promise<T> {
  const m = bffMetrics();
  const end = m.upstreamDuration.startTimer({ source, op });
  try {
    const result = await call();
    end({ outcome: 'ok' });
    return result;
  } catch (err) {
    const kind = err instanceof SourceFailure ? err.kind : 'unknown';
    end({ outcome: kind });
    m.upstreamErrors.inc({ source, kind });
    throw err;
  }
}
