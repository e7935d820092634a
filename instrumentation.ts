/**
 * Runs once per Next server process before it handles requests. The Node.js part stamps each request
 * with its TCP peer address (server/auth/peer.ts), which auth's trusted-proxy check and the login
 * throttle need and which Next's route handlers otherwise never see. It also starts the gRPC
 * PolicyWatch server when `grpc.listen` is set (server/policies/grpc/start.ts): once per process, which
 * a route module cannot promise.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installPeerStamp } = await import('./server/auth/peer');
    installPeerStamp();
    const { startPolicyWatch } = await import('./server/policies/grpc/start');
    void startPolicyWatch();
  }
}
