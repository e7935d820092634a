/**
 * Runs once per Next server process before it handles requests. The Node.js part stamps each request
 * with its TCP peer address (server/auth/peer.ts), which auth's trusted-proxy check and the login
 * throttle need and which Next's route handlers otherwise never see.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { installPeerStamp } = await import('./server/auth/peer');
    installPeerStamp();
  }
}
