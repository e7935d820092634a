import 'server-only';
import type { RegistryInstance } from '@/lib/schemas/registry';

/**
 * A service registry. Implementations keep a live view (etcd watch, file watch, Consul blocking query)
 * so list() is cheap and current; it never needs a round trip per call once warmed up.
 */
export interface RegistrySource {
  /** "registry:<kind>", used in SourceError.source and the BFF's own metrics. */
  readonly name: string;
  /** Every known instance, all services. Throws SourceFailure when the registry cannot be read. */
  list(signal?: AbortSignal): Promise<RegistryInstance[]>;
  /** Called after every change to the instance set; returns an unsubscribe function. */
  subscribe(onChange: () => void): () => void;
  close(): Promise<void>;
}
