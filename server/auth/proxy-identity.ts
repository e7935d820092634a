import 'server-only';
import { hasControlChars, Role, ROLES, type ProxyAuthConfig } from '@/lib/schemas/auth';
import { addressList, peerAddress } from './peer';
import { safeEqual } from './tokens';

export type ProxyIdentity =
  | { kind: 'user'; name: string; role: Role }
  /** No user header: the proxy let an anonymous request through (or there is no proxy). */
  | { kind: 'none' }
  /** A user header we do not believe, with why: shown in the 401 so a misconfigured proxy is easy to find. */
  | { kind: 'untrusted'; reason: string };

/**
 * Reads the user a trusted proxy names. Trust takes every configured proof: the peer is in
 * trustedProxies (when set) and the shared secret matches (when set). Anything less and the headers
 * are ignored, because a client that reaches Switchyard directly could send them itself.
 */
export function proxyResolver(cfg: ProxyAuthConfig): (req: Request) => ProxyIdentity {
  const trusted = addressList(cfg.trustedProxies);
  return (req) => {
    const name = req.headers.get(cfg.userHeader)?.trim();
    if (!name) return { kind: 'none' };
    if (cfg.trustedProxies.length > 0) {
      const peer = peerAddress(req);
      if (peer === null) return { kind: 'untrusted', reason: 'the peer address is unknown (is instrumentation.ts loaded?)' };
      if (!trusted(peer)) return { kind: 'untrusted', reason: `${cfg.userHeader} came from ${peer}, which is not in auth.proxy.trustedProxies` };
    }
    if (cfg.sharedSecret !== undefined && !safeEqual(req.headers.get(cfg.sharedSecretHeader) ?? '', cfg.sharedSecret)) {
      return { kind: 'untrusted', reason: `${cfg.userHeader} came without the proxy's ${cfg.sharedSecretHeader}` };
    }
    if (name.length > 200 || hasControlChars(name)) return { kind: 'untrusted', reason: `${cfg.userHeader} is not a usable user name` };
    return { kind: 'user', name, role: roleFromHeaders(req, cfg) };
  };
}

function roleFromHeaders(req: Request, cfg: ProxyAuthConfig): Role {
  const roles: Role[] = [];
  if (cfg.roleHeader) {
    const r = Role.safeParse(req.headers.get(cfg.roleHeader)?.trim().toLowerCase());
    if (r.success) roles.push(r.data);
  }
  if (cfg.groupsHeader) {
    for (const g of (req.headers.get(cfg.groupsHeader) ?? '').split(',')) {
      const role = cfg.groupRoles[g.trim()];
      if (role) roles.push(role);
    }
  }
  if (roles.length === 0) return cfg.defaultRole;
  return roles.reduce((best, r) => (ROLES.indexOf(r) > ROLES.indexOf(best) ? r : best));
}
