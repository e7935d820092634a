import 'server-only';
import * as grpc from '@grpc/grpc-js';
import type { Policy } from '@/lib/schemas/policy';
import type { PolicyEvent, PolicyStore } from '../port';
import { METHOD, policyWatchService, toWire, WireWatchRequest } from './proto';

export interface PolicyWatchServer {
  /** The port bound (useful when listening on port 0). */
  readonly port: number;
  /** Streams open now. */
  activeStreams(): number;
  /** Ends every stream (clients see UNAVAILABLE and resume elsewhere) and stops listening. */
  close(): Promise<void>;
}

/** The policies a service applies: inbound ones on it, edge ones on its own calls (as demo/policy-client/select.ts). */
const concerns = (p: Policy, service: string) => (p.spec.target.kind === 'service' ? p.spec.target.service === service : p.spec.target.source === service);

/**
 * The gRPC PolicyWatch service (policy_watch.proto) over PolicyStore.watch: each call is one store
 * watch from the requested revision, so ordering, exactly-once delivery and resumption are the store's
 * (docs/policies.md). A storage outage does not end a stream: the store's watch retries and resumes,
 * and the stream carries on. A `service` filter drops the others' events; a filtered client resumes
 * from the last revision it received, and the events it skipped were never its own.
 */
export async function startPolicyWatchServer(store: PolicyStore, listen: string, log: (msg: string) => void = console.warn): Promise<PolicyWatchServer> {
  const server = new grpc.Server();
  const streams = new Map<() => void, grpc.ServerWritableStream<unknown, object>>();
  server.addService(policyWatchService(), {
    [METHOD]: (call: grpc.ServerWritableStream<unknown, object>) => {
      const req = WireWatchRequest.safeParse(call.request);
      const from = req.success ? Number(req.data.from_revision) : NaN;
      if (!req.success || !Number.isSafeInteger(from)) {
        call.emit('error', { code: grpc.status.INVALID_ARGUMENT, details: 'from_revision must be a revision (a whole number ≥ 0)' });
        return;
      }
      const service = req.data.service;
      const filter = (e: PolicyEvent): PolicyEvent | null => {
        if (service === undefined) return e;
        if (e.type === 'snapshot') return { ...e, policies: e.policies.filter((p) => concerns(p, service)) };
        return concerns(e.policy, service) ? e : null;
      };
      let ended = false;
      const stop = store.watch(
        from,
        (e) => {
          const out = filter(e);
          if (out && !ended) call.write(toWire(out));
        },
        (err) => log(`[switchyard] WatchPolicies: ${store.name}: ${err.message} (the stream stays open; the watch resumes by itself)`),
      );
      const end = () => {
        if (ended) return;
        ended = true;
        stop();
        streams.delete(end);
      };
      streams.set(end, call);
      call.on('cancelled', end);
      call.on('close', end);
      call.on('error', end);
    },
  });
  const port = await new Promise<number>((resolve, reject) => server.bindAsync(listen, grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  return {
    port,
    activeStreams: () => streams.size,
    close: async () => {
      for (const [end, call] of [...streams]) {
        end();
        call.emit('error', { code: grpc.status.UNAVAILABLE, details: 'the server is shutting down; resume from the last revision you processed' });
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => (server.forceShutdown(), resolve()), 2_000);
        server.tryShutdown(() => (clearTimeout(timer), resolve()));
      });
    },
  };
}
