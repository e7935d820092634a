import 'server-only';
import type { SwitchyardConfig } from '@/lib/schemas/config';
import { ConfigError } from '@/server/runtime/errors';
import { createEtcdPolicyStore } from './etcd-store';
import { createFilePolicyStore } from './file-store';
import type { PolicyStore } from './port';

export type PolicyStoreChoice = { kind: 'file'; dir: string } | { kind: 'etcd'; endpoints: string[]; prefix: string; dialTimeoutMs: number };

/** Which store the configuration asks for (docs/policies.md): explicit endpoints, else the registry's etcd, else the file store. */
export function choosePolicyStore(config: Pick<SwitchyardConfig, 'policies' | 'registry'>): PolicyStoreChoice {
  const { store, dir, etcd } = config.policies;
  const endpoints = etcd.endpoints ?? (config.registry.kind === 'etcd' ? config.registry.endpoints : null);
  if (store === 'file' || (store === 'auto' && endpoints === null)) return { kind: 'file', dir };
  if (endpoints === null) throw new ConfigError('policies.store is "etcd" but no etcd is configured: set policies.etcd.endpoints, or use the etcd registry');
  return { kind: 'etcd', endpoints, prefix: etcd.prefix, dialTimeoutMs: etcd.dialTimeoutMs };
}

/** The configured store. Neither touches storage until first used, so building the container stays cheap. */
export function createPolicyStore(config: Pick<SwitchyardConfig, 'policies' | 'registry'>): PolicyStore {
  const c = choosePolicyStore(config);
  return c.kind === 'file' ? createFilePolicyStore({ dir: c.dir }) : createEtcdPolicyStore(c);
}
