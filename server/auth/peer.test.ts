import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addressList, clientAddress, installPeerStamp, normalizeIp, PEER_HEADER, peerAddress, peerStampFor } from './peer';

const toRequest = (m: IncomingMessage) => {
  const h = new Headers();
  for (const [k, v] of Object.entries(m.headers)) if (typeof v === 'string') h.set(k, v);
  return new Request(`http://x${m.url}`, { headers: h });
};

describe('peer address stamp', () => {
  // A real Node HTTP server, as Next runs one: the stamp must replace what the client claims.
  let url = '';
  const server = createServer((m, res) => {
    const r = toRequest(m);
    res.end(JSON.stringify({ peer: peerAddress(r), client: clientAddress(r, addressList(['127.0.0.0/8'])) }));
  });
  beforeAll(async () => {
    installPeerStamp();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => server.close());

  it('records the TCP peer and overwrites a forged stamp header', async () => {
    const res = await fetch(url, { headers: { [PEER_HEADER]: 'guess 203.0.113.9', 'x-forwarded-for': '198.51.100.1, 203.0.113.5' } });
    // 127.0.0.1 is trusted here, so the client is the last X-Forwarded-For hop it appended.
    expect(await res.json()).toEqual({ peer: '127.0.0.1', client: '203.0.113.5' });
  });

  it('believes no header without the process nonce', () => {
    expect(peerAddress(new Request('http://x/', { headers: { [PEER_HEADER]: '127.0.0.1' } }))).toBeNull();
    expect(peerAddress(new Request('http://x/', { headers: { [PEER_HEADER]: 'wrong 127.0.0.1' } }))).toBeNull();
    expect(peerAddress(new Request('http://x/', { headers: { [PEER_HEADER]: peerStampFor('::ffff:10.1.2.3') } }))).toBe('10.1.2.3');
  });
});

describe('address lists', () => {
  it('match addresses and CIDRs of both families, IPv4-mapped as IPv4', () => {
    const trusted = addressList(['10.0.0.0/8', '192.0.2.7', 'fd00::/8', '::1']);
    expect(trusted('10.200.3.4')).toBe(true);
    expect(trusted('11.0.0.1')).toBe(false);
    expect(trusted('192.0.2.7')).toBe(true);
    expect(trusted('192.0.2.8')).toBe(false);
    expect(trusted('fd12::1')).toBe(true);
    expect(trusted('fe80::1')).toBe(false);
    expect(trusted('::1')).toBe(true);
    expect(trusted(normalizeIp('::ffff:10.0.0.1'))).toBe(true);
    expect(trusted(null)).toBe(false);
    expect(addressList([])('10.0.0.1')).toBe(false);
  });

  it('take the client from X-Forwarded-For only behind a trusted peer', () => {
    const req = (peer: string, xff: string) => new Request('http://x/', { headers: { [PEER_HEADER]: peerStampFor(peer), 'x-forwarded-for': xff } });
    const trusted = addressList(['10.0.0.0/8']);
    expect(clientAddress(req('203.0.113.1', '1.2.3.4'), trusted)).toBe('203.0.113.1'); // direct client: its XFF is its own claim
    expect(clientAddress(req('10.0.0.2', 'forged-by-client, 198.51.100.4, 10.0.0.9'), trusted)).toBe('198.51.100.4');
    expect(clientAddress(new Request('http://x/'), trusted)).toBeNull();
  });
});
