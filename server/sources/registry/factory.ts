import 'server-only';
import type { RegistryConfig } from '@/lib/schemas/config';
import type { RegistrySource } from './port';
import { createStaticRegistry } from './static';
import { createEtcdRegistry } from './etcd';

/** The configured registry, or null when the fleet has none (services then come from metrics only). */
export function createRegistry(cfg: RegistryConfig): RegistrySource | null {
  switch (cfg.kind) {
    case 'none':
      return null;
    case 'static':
      return createStaticRegistry({ file: cfg.file });
    case 'etcd':
      return createEtcdRegistry({ endpoints: cfg.endpoints, prefix: cfg.prefix, dialTimeoutMs: cfg.dialTimeoutMs });
  }
}
