import 'server-only';
import { join } from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import { z } from 'zod';
import { Policy } from '@/lib/schemas/policy';
import type { PolicyEvent } from '../port';

// Read from the working directory, not next to the module: Next bundles server code elsewhere, and
// `next start`, vitest and the bench all run from the repository root (as the Jaeger adapter does).
export const PROTO_PATH = join(process.cwd(), 'server/policies/grpc/policy_watch.proto');

let definition: protoLoader.ServiceDefinition | undefined;

/** The PolicyWatch service definition (keepCase; uint64 as decimal strings, so no revision loses precision). */
export function policyWatchService(): protoLoader.ServiceDefinition {
  definition ??= protoLoader.loadSync(PROTO_PATH, { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true })['switchyard.policies.v1.PolicyWatch'] as protoLoader.ServiceDefinition;
  return definition;
}

export const METHOD = 'WatchPolicies';

/** WatchRequest as proto-loader decodes it. */
export const WireWatchRequest = z.object({ from_revision: z.string().regex(/^\d+$/), service: z.string().optional() });

interface WireRecord {
  id: string;
  version: string;
  revision: string;
  deleted: boolean;
  json: Buffer;
}

const record = (p: Policy): WireRecord => ({ id: p.id, version: String(p.version), revision: String(p.revision), deleted: p.deleted, json: Buffer.from(JSON.stringify(p), 'utf8') });

/** Our PolicyEvent as a PolicyEvent message. */
export function toWire(e: PolicyEvent): object {
  return e.type === 'snapshot'
    ? { revision: String(e.revision), snapshot: { policies: e.policies.map(record) } }
    : { revision: String(e.policy.revision), change: { policy: record(e.policy) } };
}

const WireEvent = z.object({
  revision: z.string().regex(/^\d+$/),
  event: z.enum(['snapshot', 'change']),
  snapshot: z.object({ policies: z.array(z.object({ json: z.instanceof(Buffer) })) }).nullish(),
  change: z.object({ policy: z.object({ json: z.instanceof(Buffer) }) }).nullish(),
});

const policyFrom = (json: Buffer) => Policy.parse(JSON.parse(json.toString('utf8')));

/** A PolicyEvent message, validated, as our PolicyEvent. Throws on anything else. */
export function fromWire(raw: unknown): PolicyEvent {
  const m = WireEvent.parse(raw);
  if (m.event === 'snapshot') return { type: 'snapshot', revision: Number(m.revision), policies: (m.snapshot?.policies ?? []).map((p) => policyFrom(p.json)) };
  if (!m.change) throw new Error('a change event without its policy');
  return { type: 'change', policy: policyFrom(m.change.policy.json) };
}
