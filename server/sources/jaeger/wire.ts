import 'server-only';
import { z } from 'zod';

/**
 * Jaeger's internal HTTP JSON API as it arrives (cmd/query/app/http_handler.go): every answer, errors
 * included, is the envelope {data, total, limit, offset, errors}. These types never leave the adapter.
 */
export const WireEnvelope = z.object({
  data: z.unknown(),
  total: z.number().optional(),
  limit: z.number().optional(),
  offset: z.number().optional(),
  errors: z
    .array(z.object({ code: z.number().optional(), msg: z.string(), traceID: z.string().optional() }))
    .nullable()
    .optional(),
});

/** /api/dependencies: callCount is a uint64 on the server; JSON numbers above 2^53 lose precision, harmlessly. */
export const WireDependencies = z.array(z.object({ parent: z.string(), child: z.string(), callCount: z.number().int().nonnegative() }));

/** gRPC GetDependenciesResponse as @grpc/proto-loader decodes it (keepCase, uint64 as a decimal string). */
export const WireGrpcDependencies = z.object({
  dependencies: z.array(z.object({ parent: z.string(), child: z.string(), call_count: z.string().regex(/^\d+$/) })),
});
