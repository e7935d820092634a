import 'server-only';
import * as grpc from '@grpc/grpc-js';
import { callsBetween, type ContractMode, type TraceCall } from './calls';
import { decodeFields, encodeBytesField, encodeStringField, encodeVarintField, type Field } from './protobuf';

/**
 * A stand-in for Jaeger's gRPC query API v2 (`jaeger.api_v2.QueryService` on :16685), GetDependencies
 * only, as the reference documents it (cmd/query/app/grpc_handler.go; jaeger-idl proto/api_v2):
 * GetDependenciesRequest{1 start_time, 2 end_time: google.protobuf.Timestamp{1 seconds int64, 2 nanos
 * int32}}; both required ("StartTime and EndTime must be initialized.", INVALID_ARGUMENT); storage
 * failures are INTERNAL "failed to fetch dependencies: …". The answer is GetDependenciesResponse{1
 * dependencies: repeated DependencyLink{1 parent, 2 child, 3 call_count uint64, 4 source}}, passed on
 * as storage returns it: not summed, so one link can come several times (here once per call record).
 */
export interface GrpcContract {
  target: string;
  /** Each request's window as decoded from the wire, in ms. */
  requests: Array<{ startMs: number; endMs: number }>;
  mode: ContractMode;
  close(): Promise<void>;
}

const METHOD = '/jaeger.api_v2.QueryService/GetDependencies';

function timestampMs(fields: Field[], no: number): number | null {
  const f = fields.find((x) => x.no === no);
  if (!f || !('bytes' in f)) return null;
  const ts = decodeFields(f.bytes);
  const get = (n: number) => {
    const x = ts.find((y) => y.no === n);
    return x && 'varint' in x ? x.varint : 0n;
  };
  return Number(get(1)) * 1000 + Number(get(2)) / 1e6;
}

function encodeLink(c: TraceCall): Buffer {
  const link = Buffer.concat([encodeStringField(1, c.parent), encodeStringField(2, c.child), encodeVarintField(3, BigInt(c.count)), encodeStringField(4, 'jaeger')]);
  return encodeBytesField(1, link);
}

export async function startGrpcContract(calls: readonly TraceCall[], opts: { serveQueryService?: boolean } = {}): Promise<GrpcContract> {
  const server = new grpc.Server();
  const held: grpc.sendUnaryData<Buffer>[] = []; // hung calls, never answered
  const contract: GrpcContract = {
    target: '',
    requests: [],
    mode: 'ok',
    close: async () => server.forceShutdown(),
  };
  const handler: grpc.handleUnaryCall<Buffer, Buffer> = (call, callback) => {
    let fields: Field[];
    try {
      fields = decodeFields(call.request);
    } catch (err) {
      return callback({ code: grpc.status.INTERNAL, details: `grpc: error unmarshalling request: ${(err as Error).message}` });
    }
    const startMs = timestampMs(fields, 1);
    const endMs = timestampMs(fields, 2);
    if (startMs === null || endMs === null) return callback({ code: grpc.status.INVALID_ARGUMENT, details: 'StartTime and EndTime must be initialized.' });
    contract.requests.push({ startMs, endMs });
    if (contract.mode === 'hang') return void held.push(callback);
    if (contract.mode === 'fail') return callback({ code: grpc.status.INTERNAL, details: 'failed to fetch dependencies: storage is down' });
    if (contract.mode === 'garbage') return callback(null, Buffer.from([0x0a, 0x05, 0x0a, 0x03])); // a length past the end
    callback(null, Buffer.concat(callsBetween(calls, startMs, endMs).map(encodeLink)));
  };
  if (opts.serveQueryService !== false) {
    const identity = (b: Buffer) => b;
    server.addService(
      { GetDependencies: { path: METHOD, requestStream: false, responseStream: false, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity } },
      { GetDependencies: handler },
    );
  }
  const port = await new Promise<number>((resolve, reject) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))));
  contract.target = `127.0.0.1:${port}`;
  return contract;
}
