import type { SourceError, SourceErrorKind } from '../schemas/errors';

/**
 * Per-source failures as one readable line ("Prometheus unavailable: connection refused"), so a
 * panel says which backend failed and why instead of a generic "something went wrong".
 */

const KIND_TEXT: Record<SourceErrorKind, string> = {
  unavailable: 'unavailable',
  timeout: 'timed out',
  bad_query: 'rejected the query',
  execution: 'failed running the query',
  bad_response: 'answered something unexpected',
  not_found: 'not found',
};

const SOURCE_NAMES: Record<string, string> = {
  prometheus: 'Prometheus',
  alertmanager: 'Alertmanager',
  loki: 'Loki',
  jaeger: 'Jaeger',
  registry: 'Registry',
};

/** "prometheus" → "Prometheus", "registry:etcd" → "Registry (etcd)". */
export function sourceLabel(source: string): string {
  const [head = source, detail] = source.split(':', 2);
  const name = SOURCE_NAMES[head] ?? head.charAt(0).toUpperCase() + head.slice(1);
  return detail ? `${name} (${detail})` : name;
}

export function describeSourceError(e: SourceError): string {
  return `${sourceLabel(e.source)} ${KIND_TEXT[e.kind]}: ${e.message}`;
}

/** The errors that concern one backend family, e.g. every "registry:*" error for "registry". */
export function errorsFrom(errors: readonly SourceError[], family: string): SourceError[] {
  return errors.filter((e) => e.source === family || e.source.startsWith(`${family}:`));
}
