import 'server-only';
import type { ProfileKind } from '@/lib/schemas/config';
import { FLEET, ROOT_EDGE, expectedErrorRatio, expectedQuantile, type Distribution, type FixtureEdge } from './fixture-history';

/**
 * What each metric profile should report for the fixture fleet, derived from FLEET's parameters and
 * from how fixture-history.ts renders each schema (never from PromQL):
 * - otel-http: services from the server histograms (every FLEET service); edges from client histograms.
 * - service-graph: service RED is the server side of every edge, including the root edge from "user".
 * - istio: service RED is reporter="destination", i.e. the servers of FLEET.edges; edges reporter="source".
 */
export interface Expected {
  rps: number;
  errorRatio: number;
  latency: Distribution;
}

export const profileEdges = (kind: ProfileKind): FixtureEdge[] => (kind === 'service-graph' ? [...FLEET.edges, ROOT_EDGE] : FLEET.edges);

export function expectedServices(kind: ProfileKind): Map<string, Expected> {
  const out = new Map<string, Expected>();
  if (kind === 'otel-http') {
    for (const s of FLEET.services) out.set(s.name, { rps: s.okRate + s.errRate, errorRatio: expectedErrorRatio(s), latency: s.latency });
    return out;
  }
  const servers = new Set(profileEdges(kind).map((e) => e.server));
  for (const server of servers) out.set(server, combine(profileEdges(kind).filter((e) => e.server === server)));
  return out;
}

/** Several edges into one server: rates add, and the latency distribution is their rate-weighted mix. */
function combine(edges: FixtureEdge[]): Expected {
  const ok = edges.reduce((a, e) => a + e.okRate, 0);
  const err = edges.reduce((a, e) => a + e.errRate, 0);
  const total = ok + err;
  const latency: Distribution = edges[0]!.latency.map(([le], i) => [le, edges.reduce((a, e) => a + (e.okRate + e.errRate) * e.latency[i]![1], 0) / total]);
  return { rps: total, errorRatio: err / total, latency };
}

export const edgeExpected = (e: FixtureEdge): Expected => ({ rps: e.okRate + e.errRate, errorRatio: expectedErrorRatio(e), latency: e.latency });

export const q = (p: number, e: Expected) => expectedQuantile(p, e.latency);

export interface HandThresholds {
  errorWarn: number;
  errorCrit: number;
  p95Warn: number;
  p95Crit: number;
}

/** The config's defaults, written out rather than read from the schema: Kiali's 0.1 % / 10 % errors, and 0.5 s / 2 s p95. */
export const DEFAULT_THRESHOLDS: HandThresholds = { errorWarn: 0.001, errorCrit: 0.1, p95Warn: 0.5, p95Crit: 2 };

/** Health from thresholds applied by hand (at or above a threshold is that colour). */
export function expectedHealth(e: Expected, t: HandThresholds = DEFAULT_THRESHOLDS): 'healthy' | 'warning' | 'critical' {
  const p95 = q(0.95, e);
  if (e.errorRatio >= t.errorCrit || p95 >= t.p95Crit) return 'critical';
  if (e.errorRatio >= t.errorWarn || p95 >= t.p95Warn) return 'warning';
  return 'healthy';
}
