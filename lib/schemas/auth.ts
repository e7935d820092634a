import { z } from 'zod';

/** Roles, lowest first: each one may do everything the ones before it may. */
export const ROLES = ['viewer', 'operator', 'admin'] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const roleAtLeast = (have: Role, need: Role): boolean => ROLES.indexOf(have) >= ROLES.indexOf(need);

/** `scrypt$N$r$p$salt$hash`, salt and hash in base64 (deploy/hash-password.mjs writes one). */
export const PASSWORD_HASH_PATTERN = /^scrypt\$\d{1,8}\$\d{1,3}\$\d{1,3}\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/;

const HeaderName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name');
/** True when a name holds a control character (a header or log line could be forged with one). */
export const hasControlChars = (s: string): boolean => [...s].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);

/** A user or group name as it appears in config and proxy headers: printable, no separators we split on. */
const Name = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\s,;"\\]+$/, 'must be without spaces, commas, semicolons, quotes or backslashes')
  .refine((s) => !hasControlChars(s), 'must not hold control characters');

export const AuthUser = z
  .object({
    name: Name,
    role: Role.default('viewer'),
    passwordHash: z.string().regex(PASSWORD_HASH_PATTERN, 'must be scrypt$N$r$p$salt$hash (make one with: node deploy/hash-password.mjs)'),
  })
  .strict();
export type AuthUser = z.infer<typeof AuthUser>;

/**
 * A trusted auth proxy (oauth2-proxy, Pomerium, nginx auth_request ...) in front of Switchyard names
 * the user in a header. The headers are believed only from a request that proves it came through the
 * proxy: its TCP peer is in `trustedProxies`, and/or it carries `sharedSecret` in `sharedSecretHeader`.
 */
export const ProxyAuthConfig = z
  .object({
    userHeader: HeaderName.default('X-Forwarded-User'),
    /** A header carrying the role itself (viewer | operator | admin). */
    roleHeader: HeaderName.optional(),
    /** A header carrying the user's groups, comma-separated; mapped to a role by groupRoles (highest wins). */
    groupsHeader: HeaderName.optional(),
    groupRoles: z.record(Name, Role).default({}),
    /** The role of a proxy-authenticated user whom neither header gives one. */
    defaultRole: Role.default('viewer'),
    /** Addresses or CIDRs of the proxies; the TCP peer of the request must be one of them. */
    trustedProxies: z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6()])).default([]),
    sharedSecretHeader: HeaderName.default('X-Switchyard-Proxy-Secret'),
    /** Or env SWITCHYARD_PROXY_SECRET. */
    sharedSecret: z.string().min(16, 'must be at least 16 characters').optional(),
  })
  .strict()
  .refine((p) => p.trustedProxies.length > 0 || p.sharedSecret !== undefined, {
    message: 'proxy mode trusts its headers only from a known proxy: set trustedProxies, sharedSecret (or SWITCHYARD_PROXY_SECRET), or both',
  });
export type ProxyAuthConfig = z.infer<typeof ProxyAuthConfig>;

/**
 * Who may do what (docs/auth.md). Default `none`: everyone is an anonymous viewer and writes are
 * refused, so a dashboard started without thinking about auth can be looked at but never changes a
 * breaker. `users`: built-in users with scrypt password hashes and a session login. `proxy`: a trusted
 * auth proxy names the user. Anonymous visitors can always read (viewer).
 */
export const AuthConfig = z
  .object({
    mode: z.enum(['none', 'users', 'proxy']).default('none'),
    users: z.array(AuthUser).default([]),
    /** Signs session cookies and CSRF tokens; or env SWITCHYARD_SESSION_SECRET. Unset: random per process. */
    sessionSecret: z.string().min(32, 'must be at least 32 characters').optional(),
    sessionTtlS: z.number().int().min(60).max(30 * 86_400).default(8 * 3600),
    /** Origins besides the dashboard's own (as the browser sees it) allowed to send writes. */
    allowedOrigins: z.array(z.url({ protocol: /^https?$/ }).transform((u) => new URL(u).origin)).default([]),
    proxy: ProxyAuthConfig.optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.mode === 'users' && a.users.length === 0) ctx.addIssue({ code: 'custom', path: ['users'], message: 'mode "users" needs at least one user' });
    if (a.mode === 'proxy' && a.proxy === undefined) ctx.addIssue({ code: 'custom', path: ['proxy'], message: 'mode "proxy" needs a proxy section' });
    const seen = new Set<string>();
    a.users.forEach((u, i) => {
      if (seen.has(u.name)) ctx.addIssue({ code: 'custom', path: ['users', i, 'name'], message: `user "${u.name}" is listed twice` });
      seen.add(u.name);
    });
  });
export type AuthConfig = z.infer<typeof AuthConfig>;

export const Actor = z.object({
  name: z.string(),
  role: Role,
  /** How the name was established. */
  via: z.enum(['anonymous', 'session', 'proxy']),
});
export type Actor = z.infer<typeof Actor>;

/** GET /api/v1/session: who the browser is, and what it needs to write. */
export const SessionInfo = z.object({
  mode: z.enum(['none', 'users', 'proxy']),
  /** null: not signed in (anonymous viewer). */
  user: z.object({ name: z.string(), role: Role }).nullable(),
  /** The role in effect for this request (anonymous visitors are viewers). */
  role: Role,
  /** Send as X-CSRF-Token on every write; also in the `sy_csrf` cookie. */
  csrfToken: z.string(),
  /** Session end (ms since epoch) for a password session; null otherwise. */
  expiresAtMs: z.number().nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const LoginRequest = z
  .object({
    user: z.string().min(1, 'enter a user name').max(200),
    password: z.string().min(1, 'enter a password').max(1024),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

/** POST /api/v1/session/check-write: the probe for deploy checks. */
export const WriteCheck = z.object({ ok: z.literal(true), actor: Actor });
export type WriteCheck = z.infer<typeof WriteCheck>;

export const CSRF_COOKIE = 'sy_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
export const SESSION_COOKIE = 'sy_session';

/** A post-login destination taken from the URL: only a path on this site, never another origin. */
export function safeNextPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\') || hasControlChars(raw)) return '/services';
  return raw;
}
