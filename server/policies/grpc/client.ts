import 'server-only';
import * as grpc from '@grpc/grpc-js';
import type { PolicyEvent } from '../port';
import { fromWire, METHOD, policyWatchService } from './proto';

export interface WatchHandlers {
  onEvent: (e: PolicyEvent) => void;
  /** The stream ended with an error (UNAVAILABLE: server gone; CANCELLED: we cancelled) or a bad message. */
  onError?: (err: Error) => void;
}

/**
 * A minimal PolicyWatch client (the tests' and the bench's; a service would also resume by itself):
 * one call from `fromRevision`, events decoded and validated with the Policy schema. Returns cancel,
 * which closes the call and the channel.
 */
export function watchPolicies(target: string, req: { fromRevision: number; service?: string }, h: WatchHandlers): () => void {
  const m = policyWatchService()[METHOD]!;
  const client = new grpc.Client(target, grpc.credentials.createInsecure());
  const body = { from_revision: String(req.fromRevision), ...(req.service === undefined ? {} : { service: req.service }) };
  const call = client.makeServerStreamRequest(m.path, m.requestSerialize, (b: Buffer) => b, body);
  let done = false;
  call.on('data', (b: Buffer) => {
    if (done) return;
    let e: PolicyEvent;
    try {
      e = fromWire(m.responseDeserialize(b));
    } catch (err) {
      done = true;
      call.cancel();
      h.onError?.(new Error(`WatchPolicies sent a message that is not a PolicyEvent: ${(err as Error).message}`));
      return;
    }
    h.onEvent(e);
  });
  call.on('error', (err: Error) => {
    if (!done) h.onError?.(err);
  });
  return () => {
    done = true;
    call.cancel();
    client.close();
  };
}
