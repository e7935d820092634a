import 'server-only';
import { z } from 'zod';
import type { RegistryInstance } from '@/lib/schemas/registry';

/**
 * The wire formats registries write under `<prefix><service>/<instanceId>` (backend-apis.md §6). They
 * stay in this file: the rest of the BFF only sees RegistryInstance.
 */

// Go marshals a nil map as null, and frameworks put numbers or booleans in metadata now and then:
// accept any object and keep its string values, rather than reject the whole registration.
const Metadata = z.record(z.string(), z.unknown()).nullish();

/** go-kratos contrib/registry/etcd: one ServiceInstance per key. */
const KratosValue = z.object({
  id: z.string().optional(),
  name: z.string().optional(),
  version: z.string().optional(),
  metadata: Metadata,
  endpoints: z.array(z.string().min(1)).min(1),
});

/** go-micro registry/etcd: a Service carrying exactly one node per key. */
const MicroValue = z.object({
  name: z.string().optional(),
  version: z.string().optional(),
  metadata: Metadata,
  nodes: z.array(z.object({ id: z.string().min(1), address: z.string().min(1), metadata: Metadata })).min(1),
});

export type Parsed = { ok: true; instance: RegistryInstance } | { ok: false; problem: string };

/** Splits `<prefix><service>/<instanceId>`; the service segment is authoritative over the value's name. */
export function splitKey(key: string, prefix: string): { service: string; id: string } | null {
  if (!key.startsWith(prefix)) return null;
  const rest = key.slice(prefix.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return null;
  return { service: rest.slice(0, slash), id: rest.slice(slash + 1) };
}

export function parseEntry(key: string, value: string, prefix: string): Parsed {
  const k = splitKey(key, prefix);
  if (!k) return { ok: false, problem: `key is not <prefix><service>/<instanceId>` };
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return { ok: false, problem: `value is not JSON: ${JSON.stringify(value.slice(0, 80))}` };
  }
  const kratos = KratosValue.safeParse(json);
  if (kratos.success) {
    const v = kratos.data;
    const endpoint = v.endpoints.find((e) => /^https?:\/\//i.test(e)) ?? v.endpoints[0]!;
    const address = hostPort(endpoint);
    if (!address) return { ok: false, problem: `endpoint ${JSON.stringify(endpoint)} has no host` };
    return { ok: true, instance: { service: k.service, id: v.id || k.id, address, metadata: strings(v.metadata, v.version) } };
  }
  const micro = MicroValue.safeParse(json);
  if (micro.success) {
    const v = micro.data;
    const node = v.nodes[0]!;
    return { ok: true, instance: { service: k.service, id: node.id, address: node.address, metadata: strings({ ...v.metadata, ...node.metadata }, v.version) } };
  }
  return { ok: false, problem: 'value is neither a go-kratos instance (endpoints[]) nor a go-micro service (nodes[])' };
}

/** "grpc://10.0.0.5:9000?isSecure=false" → "10.0.0.5:9000"; an http(s) URL without a port gets its default. */
function hostPort(endpoint: string): string | null {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return null;
  }
  if (!url.hostname) return null;
  if (url.port) return url.host;
  const dflt = url.protocol === 'https:' ? '443' : url.protocol === 'http:' ? '80' : '';
  return dflt ? `${url.host}:${dflt}` : url.host;
}

function strings(meta: Record<string, unknown> | null | undefined, version: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(meta ?? {})) if (typeof v === 'string') out[k] = v;
  if (version) out.version = version;
  return out;
}
