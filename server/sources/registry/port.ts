import 'server-only';
import type { RegistryInstance } from '@/lib/schemas/registry';

/**
 * A service registry. Implementations keep a live view (etcd watch, file watch, Consul blocking query)
 * so reads are cheap and current; they never need a round trip per call once warmed up.
 */
export interface RegistrySource {
  /** "registry:<kind>", used in SourceError.source and the BFF's own metrics. */
  readonly name: string;
  /** Every known instance, all services. Throws SourceFailure when the registry cannot be read. */
  list(signal?: AbortSignal): Promise<RegistryInstance[]>;
  /** Every known service name, including services registered with no instances. */
  services(signal?: AbortSignal): Promise<string[]>;
  /** Called after every change to the instance set; returns an unsubscribe function. */
  subscribe(onChange: () => void): () => void;
  close(): Promise<void>;
}
