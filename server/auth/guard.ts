import 'server-only';
import type { Actor, Role } from '@/lib/schemas/auth';
import { container } from '../container';
import { AuthService } from './service';

const KEY = Symbol.for('switchyard.auth');

/**
 * The process-wide AuthService for the container's config (globalThis, like the container, because
 * Next loads route modules in separate graphs; one login throttle and revocation list per process).
 */
export function authService(): AuthService {
  const g = globalThis as { [KEY]?: AuthService };
  const config = container().config.auth;
  if (g[KEY]?.config !== config) g[KEY] = new AuthService(config);
  return g[KEY];
}

/** For route handlers: the actor if their role is at least `role`, else a 401/403 through handle(). */
export async function requireRole(req: Request, role: Role): Promise<Actor> {
  return authService().requireRole(req, role);
}

/** For every write route: same-origin, the role, and the CSRF token. Call before reading the body. */
export async function requireWrite(req: Request, role: Role): Promise<Actor> {
  return authService().requireWrite(req, role);
}

/** The signed-in user, or null for an anonymous visitor. */
export async function currentUser(req: Request): Promise<Actor | null> {
  return authService().currentUser(req);
}
