import 'server-only';
import { runsCurrent } from '@/lib/policy/canary';
import { groupRed, type InstanceRates } from '@/lib/policy/canary-compare';
import { matcher } from '@/lib/promql/escape';
import { byInstanceQuery } from '@/lib/promql/red';
import type { RolloutInstance, RolloutResponse } from '@/lib/schemas/policy-api';
import type { Policy } from '@/lib/schemas/policy';
import type { Container } from '@/server/container';
import { ErrorList } from '@/server/services/source-errors';
import type { PromSample } from '@/server/sources/prometheus/port';

/** The canary comparison's window. */
const COMPARE_WINDOW = '5m';

/**
 * Which instances run a policy's current version, from what they report (demo/policy-client/
 * policy-metrics.ts): `switchyard_policy_revision{service}` (the store revision each has applied) and
 * `switchyard_policy_version{policy}` (the version of this policy each runs), joined on `instance`,
 * plus the registry's instances of the service, so one that reports nothing still shows. The instances
 * concerned are those applying the policy: the service's own (inbound) or the caller's (edge).
 *
 * An instance is converged when it has applied the write's revision and runs the version meant for it:
 * the current one where the rollout targets it (lib/policy/canary.ts), the canary's base elsewhere,
 * none for a deleted policy. Not converged once the write is older than policies.convergenceTimeoutMs:
 * stuck. Two instant queries, plus three for a canary (its instances' RED numbers against the rest's).
 */
export async function rolloutStatus(c: Container, p: Policy, nowMs: number, signal?: AbortSignal): Promise<RolloutResponse> {
  const t = p.spec.target;
  const applier = t.kind === 'service' ? t.service : t.source;
  const errors = new ErrorList();
  const instant = (q: string) => c.prometheus.instant(q, { timeMs: nowMs, signal }).catch((err): null => (errors.add(err, c.prometheus.name), null));
  const [revisions, versions, registered] = await Promise.all([
    instant(`switchyard_policy_revision{${matcher('service', applier)}}`),
    instant(`switchyard_policy_version{${matcher('policy', p.id)}}`),
    c.registry
      ? c.registry.list(signal).then(
          (all) => all.filter((i) => i.service === applier),
          (err) => (errors.add(err, c.registry!.name), []),
        )
      : Promise.resolve([]),
  ]);

  const rows = new Map<string, { instanceId: string | null; revision: number | null; version: number | null }>();
  const row = (instance: string) => {
    let r = rows.get(instance);
    if (!r) rows.set(instance, (r = { instanceId: null, revision: null, version: null }));
    return r;
  };
  for (const i of registered) row(i.address).instanceId = i.id;
  for (const s of revisions ?? []) {
    if (!s.labels.instance) continue;
    const r = row(s.labels.instance);
    r.instanceId = s.labels.instance_id || r.instanceId;
    r.revision = Math.max(r.revision ?? -Infinity, s.value);
  }
  for (const s of versions ?? []) if (s.labels.instance) row(s.labels.instance).version = s.value;

  const timeoutMs = c.config.policies.convergenceTimeoutMs;
  const late = nowMs - Date.parse(p.updatedAt) > timeoutMs;
  const targetedAt = (instanceId: string | null, instance: string) => runsCurrent(p.rollout, instanceId ?? instance);
  const instances: RolloutInstance[] = [...rows]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([instance, r]) => {
      const targeted = targetedAt(r.instanceId, instance);
      const expected = p.deleted ? null : targeted ? p.version : p.rollout.stage === 'canary' && p.rollout.baseSpec !== null ? p.rollout.baseVersion : null;
      const converged = r.revision !== null && r.revision >= p.revision && r.version === expected;
      return { service: applier, instance, instanceId: r.instanceId, revision: r.revision, version: r.version, targeted, converged, stuck: !converged && late };
    });
  const targeted = instances.filter((i) => i.targeted);

  let comparison: RolloutResponse['comparison'] = null;
  if (p.rollout.stage === 'canary') {
    const label = c.profile.up?.instanceLabel ?? 'instance';
    const of = t.kind === 'service' ? { service: t.service } : { client: t.source, server: t.target };
    const [rps, errs, buckets] = await Promise.all((['rate', 'errors', 'buckets'] as const).map((stat) => instant(byInstanceQuery(c.profile, stat, COMPARE_WINDOW, of, label))));
    if (rps) {
      const perInstance = new Map<string, InstanceRates & { buckets: Array<[number, number]> }>();
      const at = (s: PromSample) => {
        const key = s.labels[label] ?? '';
        let v = perInstance.get(key);
        if (!v) perInstance.set(key, (v = { rps: null, errorsPs: null, buckets: [] }));
        return v;
      };
      const finite = (v: number) => (Number.isFinite(v) ? v : null);
      for (const s of rps) at(s).rps = finite(s.value);
      for (const s of errs ?? []) at(s).errorsPs = finite(s.value);
      for (const s of buckets ?? []) {
        const le = s.labels.le === '+Inf' ? Infinity : Number(s.labels.le);
        if (!Number.isNaN(le) && Number.isFinite(s.value)) at(s).buckets.push([le, s.value]);
      }
      const inCanary = (instance: string) => {
        const r = rows.get(instance);
        return targetedAt(r?.instanceId ?? null, instance);
      };
      const canary = [...perInstance].filter(([i]) => inCanary(i)).map(([, v]) => v);
      const rest = [...perInstance].filter(([i]) => !inCanary(i)).map(([, v]) => v);
      const scale = t.kind === 'service' ? c.profile.service.latencyScale : c.profile.edge.latencyScale;
      // A failed errors or buckets query leaves its number unknown, not zero.
      const group = (g: InstanceRates[]) => {
        const red = groupRed(g, scale);
        return { rps: red.rps, errorRatio: errs ? red.errorRatio : null, p95: buckets ? red.p95 : null };
      };
      comparison = { canary: group(canary), rest: group(rest) };
    }
  }

  return {
    policyId: p.id,
    version: p.version,
    revision: p.revision,
    writtenAt: p.updatedAt,
    timeoutMs,
    instances,
    done: targeted.length > 0 && targeted.every((i) => i.converged),
    comparison,
    errors: errors.toArray(),
  };
}
