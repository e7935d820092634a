import 'server-only';
import type { PolicyStore } from '../port';
import { startPolicyWatchServer, type PolicyWatchServer } from './server';

const KEY = Symbol.for('switchyard.grpc');

/**
 * Starts the PolicyWatch gRPC server on `listen` (config grpc.listen; null: none), once per process:
 * server/container.ts calls it when it builds the process-wide container, so the server shares the
 * store the routes write through. Not from a route module (it may be loaded in several module graphs)
 * nor from instrumentation.ts (building the container there would make every route see objects, and
 * errors, of another module graph's classes). A port in use is logged, not fatal: the dashboard serves
 * without the stream.
 */
export function startPolicyWatch(store: PolicyStore, listen: string | null): Promise<PolicyWatchServer | null> {
  const g = globalThis as { [KEY]?: Promise<PolicyWatchServer | null> };
  if (listen === null) return Promise.resolve(null);
  g[KEY] ??= startPolicyWatchServer(store, listen).then(
    (server) => {
      console.log(`[switchyard] gRPC PolicyWatch listening on ${listen} (${store.name})`);
      return server;
    },
    (err: unknown) => {
      console.error(`[switchyard] gRPC PolicyWatch could not listen on ${listen}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    },
  );
  return g[KEY];
}
