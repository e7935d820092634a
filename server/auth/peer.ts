import 'server-only';
import { randomBytes } from 'node:crypto';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP } from 'node:net';
import type { Socket } from 'node:net';

/**
 * The TCP peer of a request. Next's route handlers never see the socket, and the X-Forwarded-For that
 * Next fills in is only set when the client sent none, so a client can forge it. Instead, Node's
 * `http.server.request.start` diagnostics channel (published before the server's 'request' event, see
 * instrumentation.ts) lets us stamp the real peer into a header, replacing anything the client sent.
 * The stamp carries a per-process nonce, so a header that did not come from the stamp is never
 * believed, e.g. when running under a server that skipped instrumentation: then the peer is unknown.
 */
export const PEER_HEADER = 'x-switchyard-peer';
const KEY = Symbol.for('switchyard.peer-stamp');

interface StampState {
  nonce: string;
}

const state = (): StampState | undefined => (globalThis as { [KEY]?: StampState })[KEY];

/** Idempotent; call once per process before the server handles requests. */
export function installPeerStamp(): void {
  const g = globalThis as { [KEY]?: StampState };
  if (g[KEY]) return;
  const s: StampState = { nonce: randomBytes(12).toString('base64url') };
  g[KEY] = s;
  subscribe('http.server.request.start', (msg) => {
    const { request, socket } = msg as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = stampValue(s.nonce, socket.remoteAddress ?? '');
  });
}

const stampValue = (nonce: string, address: string) => `${nonce} ${address}`;

/** The header value a stamped request would carry: for tests that build Requests by hand. */
export function peerStampFor(address: string): string {
  installPeerStamp();
  return stampValue(state()!.nonce, address);
}

/** The TCP peer, or null when the request was not stamped by this process. */
export function peerAddress(req: Request): string | null {
  const s = state();
  const raw = req.headers.get(PEER_HEADER);
  if (!s || !raw) return null;
  const space = raw.indexOf(' ');
  if (space < 0 || raw.slice(0, space) !== s.nonce) return null;
  return normalizeIp(raw.slice(space + 1));
}

/** `::ffff:10.0.0.1` → `10.0.0.1`, so one IPv4 allow-list entry covers dual-stack sockets. */
export function normalizeIp(address: string): string | null {
  const a = address.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  const ip = mapped ? mapped[1]! : a;
  return isIP(ip) ? ip : null;
}

/** Addresses and CIDRs (already validated by the config schema). */
export function addressList(entries: string[]): (ip: string | null) => boolean {
  if (entries.length === 0) return () => false;
  const list = new BlockList();
  for (const e of entries) {
    const [addr, bits] = e.split('/') as [string, string | undefined];
    const type = isIP(addr) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return (ip) => ip !== null && list.check(ip, isIP(ip) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client address for rate limits: the peer, or when the peer is a trusted proxy the last
 * X-Forwarded-For hop that is not itself a trusted proxy (earlier hops are the client's own claims).
 */
export function clientAddress(req: Request, trusted: (ip: string | null) => boolean): string | null {
  const peer = peerAddress(req);
  if (peer === null) return null;
  if (!trusted(peer)) return peer;
  const hops = (req.headers.get('x-forwarded-for') ?? '').split(',').map((h) => normalizeIp(h)).reverse();
  for (const hop of hops) if (hop !== null && !trusted(hop)) return hop;
  return peer;
}
