import 'server-only';
import type { JaegerConfig } from '@/lib/schemas/config';
import { createJaegerGrpcSource } from './grpc-client';
import { createJaegerHttpSource } from './http-client';
import type { TraceSource } from './port';

/** Jaeger's default gRPC query port. */
export const JAEGER_GRPC_PORT = 16685;

/** The trace source the configuration asks for; null when Jaeger is not configured. */
export function createTraceSource(config: JaegerConfig | undefined): TraceSource | null {
  if (!config) return null;
  if (config.transport === 'http') return createJaegerHttpSource({ url: config.url, timeoutMs: config.timeoutMs });
  const target = config.grpcTarget ?? `${new URL(config.url).hostname}:${JAEGER_GRPC_PORT}`;
  return createJaegerGrpcSource({ target, tls: config.grpcTls, timeoutMs: config.timeoutMs });
}
