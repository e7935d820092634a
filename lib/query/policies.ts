import { AuditResponse, PolicyListResponse, PreviewResponse, RolloutResponse, type PreviewRequest } from '../schemas/policy-api';
import { Policy, type PolicySpec, type PolicyWrite } from '../schemas/policy';
import { getJson } from './fetch-json';
import { API_BASE } from './services';
import { sendJson } from './write-json';

/**
 * Query descriptors and writes for the policy endpoints (lib/schemas/policy-api.ts, docs/api.md), like
 * lib/query/services.ts. Writes go through sendJson (CSRF token, ApiError); every write names the
 * version it read, so a stale one fails with a 409 and never overwrites.
 */
interface QueryFnContext {
  signal: AbortSignal;
}

export const policyKeys = {
  all: ['policies'] as const,
  list: ['policies', 'list'] as const,
  audit: (policyId: string | null, before: number | null, limit: number) => ['policies', 'audit', { policyId, before, limit }] as const,
  rollout: (id: string) => ['policies', 'rollout', id] as const,
  /** The spec as JSON: the same form values ask once. */
  preview: (specJson: string, minutes: number) => ['policies', 'preview', specJson, minutes] as const,
};

const POLICIES = `${API_BASE}/policies`;
export const policyPath = (id: string) => `${POLICIES}/${encodeURIComponent(id)}`;

export function policiesQuery() {
  return {
    queryKey: policyKeys.list,
    queryFn: ({ signal }: QueryFnContext) => getJson(POLICIES, PolicyListResponse, signal),
  };
}

/** Newest first; `before` pages on (the last revision of the previous page). */
export function auditQuery(policyId: string | null, before: number | null, limit: number) {
  const qs = new URLSearchParams({ limit: String(limit) });
  if (policyId !== null) qs.set('policyId', policyId);
  if (before !== null) qs.set('before', String(before));
  return {
    queryKey: policyKeys.audit(policyId, before, limit),
    queryFn: ({ signal }: QueryFnContext) => getJson(`${POLICIES}/audit?${qs}`, AuditResponse, signal),
  };
}

export function rolloutQuery(id: string) {
  return {
    queryKey: policyKeys.rollout(id),
    queryFn: ({ signal }: QueryFnContext) => getJson(`${policyPath(id)}/rollout`, RolloutResponse, signal),
  };
}

/** A read that has to be a POST (the spec is the question); it changes nothing. */
export function previewQuery(spec: PolicySpec, minutes = 60) {
  const body: PreviewRequest = { spec, minutes };
  return {
    queryKey: policyKeys.preview(JSON.stringify(spec), minutes),
    queryFn: ({ signal }: QueryFnContext) => sendJson('POST', `${POLICIES}/preview`, body, PreviewResponse, signal),
  };
}

export type ExportFormat = 'istio' | 'envoy';

/** A download link: the policy as Istio DestinationRule or Envoy local rate-limit YAML. */
export const exportUrl = (id: string, format: ExportFormat) => `${policyPath(id)}/export?format=${format}`;

export const savePolicy = (id: string, write: PolicyWrite) => sendJson('PUT', policyPath(id), write, Policy);

export const deletePolicy = (id: string, expectedVersion: number, reason: string) => sendJson('DELETE', policyPath(id), { expectedVersion, reason }, Policy);

export const restorePolicy = (id: string, auditRevision: number, expectedVersion: number, reason: string) =>
  sendJson('POST', `${policyPath(id)}/restore`, { auditRevision, expectedVersion, reason }, Policy);

export const promotePolicy = (id: string, expectedVersion: number, reason: string) => sendJson('POST', `${policyPath(id)}/promote`, { expectedVersion, reason }, Policy);

export const rollbackPolicy = (id: string, expectedVersion: number, reason: string) => sendJson('POST', `${policyPath(id)}/rollback`, { expectedVersion, reason }, Policy);
