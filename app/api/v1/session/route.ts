import { LoginRequest } from '@/lib/schemas/auth';
import { authService } from '@/server/auth/guard';
import { handle, parseJsonBody } from '@/server/runtime/http';

export const dynamic = 'force-dynamic';

const withCookies = ({ body, setCookies }: { body: unknown; setCookies: string[] }) => {
  const res = Response.json(body, { headers: { 'Cache-Control': 'no-store' } });
  for (const c of setCookies) res.headers.append('Set-Cookie', c);
  return res;
};

/** Who am I: user (null when anonymous), role, auth mode, and the CSRF token for writes. */
export function GET(req: Request) {
  return handle('session', async () => withCookies(authService().sessionInfo(req)));
}

/** Sign in with {user, password}: sets the session and CSRF cookies. Wrong → 401; too many → 429. */
export function POST(req: Request) {
  return handle('session', async () => withCookies(await authService().login(req, await parseJsonBody(LoginRequest, req, 4096))));
}

/** Sign out: ends the session and clears its cookies. */
export function DELETE(req: Request) {
  return handle('session', async () => withCookies(authService().logout(req)));
}
