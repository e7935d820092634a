import 'server-only';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { SourceErrorKind } from '@/lib/schemas/errors';
import { withDeadline } from '@/server/runtime/deadline';
import { badResponse, SourceFailure } from '@/server/runtime/errors';
import { sumLinks } from './links';
import type { TraceSource } from './port';
import { WireGrpcDependencies } from './wire';

export interface JaegerGrpcOptions {
  /** host:port of the query service's gRPC API (16685 by default). */
  target: string;
  tls: boolean;
  name?: string;
  timeoutMs: number;
}

// Read from the working directory, not next to the module: Next bundles server code elsewhere, and both
// `next start` and vitest run from the repository root.
const PROTO = join(process.cwd(), 'server/sources/jaeger/proto/query_v2.proto');

type Method = protoLoader.MethodDefinition<object, object>;
let getDependencies: Method | undefined;

/** Loaded on first use, so a missing file fails the Jaeger panel, not the BFF's start. */
function method(name: string): Method {
  if (getDependencies) return getDependencies;
  try {
    const pkg = protoLoader.loadSync(PROTO, { keepCase: true, longs: String, enums: String, defaults: true });
    getDependencies = (pkg['jaeger.api_v2.QueryService'] as protoLoader.ServiceDefinition).GetDependencies!;
  } catch (err) {
    throw new SourceFailure(name, 'unavailable', `cannot load ${PROTO}: ${(err as Error).message}`, { cause: err });
  }
  return getDependencies;
}

/** gRPC status → our kinds; the server's own words stay in the message. */
const KINDS: Partial<Record<grpc.status, SourceErrorKind>> = {
  [grpc.status.DEADLINE_EXCEEDED]: 'timeout',
  [grpc.status.INVALID_ARGUMENT]: 'bad_query',
  [grpc.status.OUT_OF_RANGE]: 'bad_query',
  [grpc.status.FAILED_PRECONDITION]: 'bad_query',
  [grpc.status.UNIMPLEMENTED]: 'bad_query',
  [grpc.status.NOT_FOUND]: 'not_found',
};

function statusFailure(name: string, err: grpc.ServiceError): SourceFailure {
  return new SourceFailure(name, KINDS[err.code] ?? 'unavailable', `gRPC ${grpc.status[err.code] ?? err.code}: ${err.details || err.message}`, { cause: err });
}

const timestamp = (ms: number) => {
  const whole = Math.round(ms);
  const seconds = Math.floor(whole / 1000);
  return { seconds: String(seconds), nanos: (whole - seconds * 1000) * 1_000_000 };
};

/**
 * Jaeger's gRPC query API v2 (`jaeger.api_v2.QueryService`, port 16685). One channel per source,
 * opened on first use. The response is decoded here rather than by grpc-js, so a body that is not a
 * GetDependenciesResponse is a bad_response rather than an opaque INTERNAL status.
 */
export function createJaegerGrpcSource(opts: JaegerGrpcOptions): TraceSource {
  const name = opts.name ?? 'jaeger';
  let client: grpc.Client | undefined;
  const channel = () => (client ??= new grpc.Client(opts.target, opts.tls ? grpc.credentials.createSsl() : grpc.credentials.createInsecure()));

  function unary(m: Method, request: object, signal: AbortSignal): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      const onAbort = () => call.cancel();
      const call = channel().makeUnaryRequest(m.path, m.requestSerialize, (b: Buffer) => b, request, new grpc.Metadata(), { deadline: Date.now() + opts.timeoutMs }, (err, body) => {
        signal.removeEventListener('abort', onAbort);
        // Cancelled by our deadline or the caller: withDeadline tells which from the signals.
        if (err) reject(signal.aborted ? err : statusFailure(name, err));
        else resolve(body!);
      });
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) call.cancel();
    });
  }

  return {
    name,
    async dependencies({ startMs, endMs, signal }) {
      const m = method(name);
      const body = await withDeadline(name, opts.timeoutMs, signal, (sig) => unary(m, { start_time: timestamp(startMs), end_time: timestamp(endMs) }, sig));
      let decoded: unknown;
      try {
        decoded = m.responseDeserialize(body);
      } catch (err) {
        throw badResponse(name, `GetDependencies answered bytes that are not a GetDependenciesResponse: ${(err as Error).message}`, err);
      }
      const parsed = WireGrpcDependencies.safeParse(decoded);
      if (!parsed.success) throw badResponse(name, `GetDependencies: unexpected data: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
      return sumLinks(parsed.data.dependencies.map((d) => ({ parent: d.parent, child: d.child, callCount: Number(d.call_count) })));
    },
    close() {
      client?.close();
      client = undefined;
    },
  };
}
