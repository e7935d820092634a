import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiErrorBody } from '@/lib/schemas/errors';
import { TimeRangeParams } from '@/lib/schemas/time';
import { ConfigError, InputError, NotFoundError, sourceTimeout, sourceUnavailable } from './errors';
import { handle, parseJsonBody, parseParams, serviceName } from './http';

async function bodyOf(res: Response) {
  return ApiErrorBody.parse(await res.json()).error;
}

describe('error mapping', () => {
  it('maps each error type to its status and a message naming the cause', async () => {
    const cases: Array<[unknown, number, string]> = [
      [new InputError('from: bad', 'from'), 400, 'bad_request'],
      [new NotFoundError('no service named "x"'), 404, 'not_found'],
      [sourceUnavailable('prometheus', 'ECONNREFUSED'), 502, 'upstream_unavailable'],
      [sourceTimeout('prometheus', 'no answer within 10 ms'), 504, 'upstream_timeout'],
      [new ConfigError('prometheus.url: Invalid URL'), 500, 'misconfigured'],
    ];
    for (const [err, status, code] of cases) {
      const res = await handle('t', async () => Promise.reject(err));
      expect(res.status).toBe(status);
      expect((await bodyOf(res)).code).toBe(code);
    }
    const timeout = await bodyOf(await handle('t', () => Promise.reject(sourceTimeout('prometheus', 'x'))));
    expect(timeout.source).toBe('prometheus');
  });

  it('never leaks a stack trace for unexpected errors', async () => {
    const orig = console.error;
    console.error = () => {};
    try {
      const res = await handle('t', () => Promise.reject(new Error('secret /path/to/file.ts:12')));
      expect(res.status).toBe(500);
      expect(JSON.stringify(await res.json())).not.toContain('secret');
    } finally {
      console.error = orig;
    }
  });

  it('names the bad query parameter', () => {
    const p = new URLSearchParams({ from: 'tuesday' });
    try {
      parseParams(TimeRangeParams, p);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe('from');
    }
    expect(parseParams(z.object({ n: z.coerce.number() }), new URLSearchParams({ n: '3' }))).toEqual({ n: 3 });
  });

  it('bounds service names', () => {
    expect(serviceName('we"ird\\svc')).toBe('we"ird\\svc');
    expect(() => serviceName('x'.repeat(254))).toThrow(InputError);
    expect(() => serviceName('a\u0000b')).toThrow(InputError);
  });
});

describe('parseJsonBody', () => {
  const Body = z.object({ user: z.string().min(1), n: z.number().int().optional() }).strict();
  const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://x/api', { method: 'POST', body, headers, duplex: 'half' } as RequestInit);
  const problem = (p: Promise<unknown>) => p.then(() => null, (e: InputError) => [e.field, e.message]);

  it('parses a valid body', async () => {
    await expect(parseJsonBody(Body, post('{"user":"a","n":2}'))).resolves.toEqual({ user: 'a', n: 2 });
  });

  it('names the field at fault, or the body', async () => {
    expect(await problem(parseJsonBody(Body, post('{"user":"a","n":1.5}')))).toEqual(['n', 'n: Invalid input: expected int, received number']);
    expect(await problem(parseJsonBody(Body, post('{"user":')))).toEqual(['body', 'request body must be JSON']);
    expect(await problem(parseJsonBody(Body, post('')))).toEqual(['body', 'request body must be JSON']);
  });

  it('refuses a body past the limit, by declared length or while reading a stream', async () => {
    expect(await problem(parseJsonBody(Body, post('{"user":"aaaa"}'), 10))).toEqual(['body', 'request body is larger than 10 bytes']);
    const chunks = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 100; i++) c.enqueue(new TextEncoder().encode('x'.repeat(1000)));
        c.close();
      },
    });
    expect(await problem(parseJsonBody(Body, post(chunks), 4096))).toEqual(['body', 'request body is larger than 4096 bytes']);
  });
});
