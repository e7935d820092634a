import 'server-only';
import { container } from '@/server/container';
import { startPolicyWatchServer, type PolicyWatchServer } from './server';

const KEY = Symbol.for('switchyard.grpc');

/**
 * Starts the PolicyWatch gRPC server on config `grpc.listen`, once per process (instrumentation.ts
 * calls it at server start; a Next route module is no home for a listening socket, and may be loaded
 * in several graphs). Off when `grpc.listen` is null. A bad config or a port in use is logged, not
 * fatal: the dashboard serves without the stream.
 */
export function startPolicyWatch(): Promise<PolicyWatchServer | null> {
  const g = globalThis as { [KEY]?: Promise<PolicyWatchServer | null> };
  g[KEY] ??= (async () => {
    let listen: string | null;
    let c;
    try {
      c = container();
      listen = c.config.grpc.listen;
    } catch (err) {
      console.error(`[switchyard] gRPC PolicyWatch not started: ${(err as Error).message}`);
      return null;
    }
    if (listen === null) return null;
    try {
      const server = await startPolicyWatchServer(c.policies, listen);
      console.log(`[switchyard] gRPC PolicyWatch listening on ${listen} (${c.policies.name})`);
      return server;
    } catch (err) {
      console.error(`[switchyard] gRPC PolicyWatch could not listen on ${listen}: ${(err as Error).message}`);
      return null;
    }
  })();
  return g[KEY];
}
