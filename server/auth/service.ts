import 'server-only';
import { randomBytes } from 'node:crypto';
import { CSRF_COOKIE, CSRF_HEADER, roleAtLeast, SESSION_COOKIE, type Actor, type AuthConfig, type AuthUser, type LoginRequest, type Role, type SessionInfo } from '@/lib/schemas/auth';
import { ForbiddenError, TooManyRequestsError, UnauthenticatedError } from '../runtime/errors';
import { isHttps, readCookies, serializeCookie } from './cookies';
import { LoginThrottle } from './login-throttle';
import { checkWriteOrigin } from './origin';
import { verifyAgainstDummy, verifyPassword } from './password';
import { addressList, clientAddress } from './peer';
import { proxyResolver, type ProxyIdentity } from './proxy-identity';
import { csrfMatches, deriveKeys, mintCsrf, newSessionId, safeEqual, signSession, verifySession, type TokenKeys } from './tokens';

const MAX_REVOKED = 100_000;
const ANONYMOUS: Actor = { name: 'anonymous', role: 'viewer', via: 'anonymous' };

/** Who a request is, plus what its CSRF token must be bound to. */
interface Resolved {
  actor: Actor;
  csrfBinding: string;
  expiresAtMs: number | null;
  sid: string | null;
  /** Why a credential the request carried was not accepted: goes into the 401. */
  rejected: string | null;
}

export interface AuthServiceOptions {
  now?: () => number;
  throttle?: LoginThrottle;
  /** Called once when no secret is configured (never with the secret). */
  warn?: (message: string) => void;
}

/**
 * Sessions, roles and CSRF for one configuration (docs/auth.md). Stateless apart from the logout
 * revocation list and the login throttle, both in memory.
 */
export class AuthService {
  private readonly keys: TokenKeys;
  private readonly users: Map<string, AuthUser>;
  private readonly proxy: ((req: Request) => ProxyIdentity) | null;
  private readonly trustedProxy: (ip: string | null) => boolean;
  private readonly now: () => number;
  private readonly throttle: LoginThrottle;
  /** Session ids ended by logout, until they would have expired anyway. */
  private readonly revoked = new Map<string, number>();

  constructor(
    readonly config: AuthConfig,
    opts: AuthServiceOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
    this.throttle = opts.throttle ?? new LoginThrottle(undefined, this.now);
    if (config.sessionSecret === undefined && config.mode !== 'none') {
      (opts.warn ?? console.warn)('[switchyard] auth.sessionSecret is not set: using a random one, so sessions end when this process restarts and are not shared between instances (set SWITCHYARD_SESSION_SECRET)');
    }
    this.keys = deriveKeys(config.sessionSecret ?? randomBytes(32));
    this.users = new Map(config.users.map((u) => [u.name, u]));
    this.proxy = config.mode === 'proxy' && config.proxy ? proxyResolver(config.proxy) : null;
    this.trustedProxy = addressList(config.proxy?.trustedProxies ?? []);
  }

  private resolve(req: Request): Resolved {
    const anon = (rejected: string | null): Resolved => ({ actor: ANONYMOUS, csrfBinding: 'anonymous', expiresAtMs: null, sid: null, rejected });
    if (this.config.mode === 'proxy' && this.proxy) {
      const id = this.proxy(req);
      if (id.kind === 'user') return { actor: { name: id.name, role: id.role, via: 'proxy' }, csrfBinding: `proxy\0${id.name}`, expiresAtMs: null, sid: null, rejected: null };
      return anon(id.kind === 'untrusted' ? id.reason : null);
    }
    if (this.config.mode !== 'users') return anon(null);
    const token = readCookies(req).get(SESSION_COOKIE);
    if (!token) return anon(null);
    const check = verifySession(this.keys, token, (u) => this.users.get(u)?.passwordHash ?? null, this.now());
    if (!check.ok) return anon(check.reason === 'expired' ? 'your session has expired' : 'your session is no longer valid');
    const { sid, u, exp } = check.payload;
    if (this.isRevoked(sid)) return anon('you have signed out');
    const user = this.users.get(u)!;
    return { actor: { name: user.name, role: user.role, via: 'session' }, csrfBinding: `session\0${sid}`, expiresAtMs: exp, sid, rejected: null };
  }

  private isRevoked(sid: string): boolean {
    const exp = this.revoked.get(sid);
    return exp !== undefined && exp > this.now();
  }

  private revoke(sid: string, exp: number): void {
    const now = this.now();
    for (const [id, e] of this.revoked) if (e <= now) this.revoked.delete(id);
    this.revoked.set(sid, exp);
    // A bound, so repeated sign-in/sign-out cannot grow memory without end; the oldest go first.
    while (this.revoked.size > MAX_REVOKED) this.revoked.delete(this.revoked.keys().next().value!);
  }

  /** The signed-in user, or null for an anonymous visitor. */
  currentUser(req: Request): Actor | null {
    const { actor } = this.resolve(req);
    return actor.via === 'anonymous' ? null : actor;
  }

  /** The actor when their role is at least `role`; else 401 (not signed in) or 403 (role too low). */
  requireRole(req: Request, role: Role): Actor {
    const r = this.resolve(req);
    if (roleAtLeast(r.actor.role, role)) return r.actor;
    throw this.refusal(r, role);
  }

  private refusal(r: Resolved, role: Role): Error {
    if (r.actor.via !== 'anonymous') {
      return new ForbiddenError(`${r.actor.name} has the ${r.actor.role} role; this needs ${role}`);
    }
    switch (this.config.mode) {
      case 'none':
        return new ForbiddenError(
          `writes are off: auth.mode is "none", so everyone is an anonymous viewer. Set auth.mode to "users" or "proxy" to allow ${role}s to change things (docs/auth.md)`,
          'writes_disabled',
        );
      case 'users':
        return new UnauthenticatedError(`${r.rejected ? `${r.rejected}; ` : ''}sign in (POST /api/v1/session, or the /login page) as a user with the ${role} role`);
      case 'proxy':
        return new UnauthenticatedError(`${r.rejected ?? `no ${this.config.proxy?.userHeader ?? 'user'} header from the auth proxy`}; this needs the ${role} role`);
    }
  }

  /** Everything a write needs: same-origin, the role, and the CSRF token (header = cookie, bound to the session). */
  requireWrite(req: Request, role: Role): Actor {
    checkWriteOrigin(req, this.config.allowedOrigins);
    const r = this.resolve(req);
    if (!roleAtLeast(r.actor.role, role)) throw this.refusal(r, role);
    const header = req.headers.get(CSRF_HEADER);
    const cookie = readCookies(req).get(CSRF_COOKIE);
    if (!header) throw new ForbiddenError(`write refused: no ${CSRF_HEADER} header; send the token from GET /api/v1/session (also in the ${CSRF_COOKIE} cookie)`, 'csrf');
    if (!cookie || !safeEqual(header, cookie)) throw new ForbiddenError(`write refused: ${CSRF_HEADER} does not match the ${CSRF_COOKIE} cookie; reload the page`, 'csrf');
    if (!csrfMatches(this.keys, header, r.csrfBinding)) throw new ForbiddenError(`write refused: the CSRF token belongs to another session; reload the page`, 'csrf');
    return r.actor;
  }

  /** GET /api/v1/session: who this is, and a CSRF token (the cookie's, when it is still good). */
  sessionInfo(req: Request): { body: SessionInfo; setCookies: string[] } {
    const r = this.resolve(req);
    const setCookies: string[] = [];
    let csrf = readCookies(req).get(CSRF_COOKIE);
    if (!csrf || !csrfMatches(this.keys, csrf, r.csrfBinding)) {
      csrf = mintCsrf(this.keys, r.csrfBinding);
      setCookies.push(this.csrfCookie(req, csrf, r.expiresAtMs));
    }
    if (r.rejected !== null && this.config.mode === 'users') setCookies.push(this.clear(req, SESSION_COOKIE, true));
    const user = r.actor.via === 'anonymous' ? null : { name: r.actor.name, role: r.actor.role };
    return { body: { mode: this.config.mode, user, role: r.actor.role, csrfToken: csrf, expiresAtMs: r.expiresAtMs }, setCookies };
  }

  /**
   * Password sign-in. Throttled per user name and client address before the password is even looked
   * at; an unknown name costs the same scrypt as a wrong password, and both get the same answer.
   */
  async login(req: Request, body: LoginRequest): Promise<{ body: SessionInfo; setCookies: string[] }> {
    checkWriteOrigin(req, this.config.allowedOrigins);
    if (this.config.mode !== 'users') {
      throw new ForbiddenError(`password sign-in is off: auth.mode is "${this.config.mode}"${this.config.mode === 'proxy' ? ' (your auth proxy signs you in)' : ''}`, 'login_disabled');
    }
    const address = clientAddress(req, this.trustedProxy);
    const wait = this.throttle.retryAfterS(body.user, address);
    if (wait > 0) throw new TooManyRequestsError(`too many failed sign-ins; try again in ${wait} s`, wait);
    const user = this.users.get(body.user);
    const ok = user ? await verifyPassword(body.password, user.passwordHash) : await verifyAgainstDummy(body.password);
    if (!ok || !user) {
      this.throttle.fail(body.user, address);
      throw new UnauthenticatedError('wrong user name or password');
    }
    this.throttle.succeed(body.user);
    const now = this.now();
    // A fresh session id at every sign-in: a session id planted before login (fixation) is worthless.
    const sid = newSessionId();
    const exp = now + this.config.sessionTtlS * 1000;
    const token = signSession(this.keys, { sid, u: user.name, iat: now, exp }, user.passwordHash);
    const csrf = mintCsrf(this.keys, `session\0${sid}`);
    return {
      body: { mode: 'users', user: { name: user.name, role: user.role }, role: user.role, csrfToken: csrf, expiresAtMs: exp },
      setCookies: [
        serializeCookie({ name: SESSION_COOKIE, value: token, maxAgeS: this.config.sessionTtlS, httpOnly: true, secure: isHttps(req) }),
        this.csrfCookie(req, csrf, exp),
      ],
    };
  }

  /** Ends the session here (revoked in this process) and clears both cookies in the browser. */
  logout(req: Request): { body: SessionInfo; setCookies: string[] } {
    checkWriteOrigin(req, this.config.allowedOrigins);
    const r = this.resolve(req);
    if (r.sid !== null && r.expiresAtMs !== null) this.revoke(r.sid, r.expiresAtMs);
    const csrf = mintCsrf(this.keys, 'anonymous');
    return {
      body: { mode: this.config.mode, user: null, role: 'viewer', csrfToken: csrf, expiresAtMs: null },
      setCookies: [this.clear(req, SESSION_COOKIE, true), this.csrfCookie(req, csrf, null)],
    };
  }

  /** Readable by the page's script (that is the point of double-submit); lives as long as the session. */
  private csrfCookie(req: Request, value: string, expiresAtMs: number | null): string {
    const maxAgeS = expiresAtMs === null ? this.config.sessionTtlS : (expiresAtMs - this.now()) / 1000;
    return serializeCookie({ name: CSRF_COOKIE, value, maxAgeS, httpOnly: false, secure: isHttps(req) });
  }

  private clear(req: Request, name: string, httpOnly: boolean): string {
    return serializeCookie({ name, value: '', maxAgeS: 0, httpOnly, secure: isHttps(req) });
  }
}
