export const dynamic = 'force-dynamic';

/** Liveness: the process serves requests. Backends are readyz's business. */
export function GET() {
  return Response.json({ status: 'ok' });
}
