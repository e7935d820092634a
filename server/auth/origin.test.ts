import { describe, expect, it } from 'vitest';
import { ForbiddenError } from '../runtime/errors';
import { checkWriteOrigin } from './origin';

const req = (headers: Record<string, string>, url = 'http://dash.example:3000/api/v1/x') => new Request(url, { method: 'POST', headers });
const refused = (headers: Record<string, string>, allowed: string[] = [], url?: string) => {
  try {
    checkWriteOrigin(req(headers, url), allowed);
    return null;
  } catch (e) {
    expect(e).toBeInstanceOf(ForbiddenError);
    expect((e as ForbiddenError).code).toBe('csrf');
    return (e as Error).message;
  }
};

describe('checkWriteOrigin', () => {
  it("accepts the dashboard's own origin, as the URL, Host or X-Forwarded-Host names it", () => {
    expect(refused({ origin: 'http://dash.example:3000', 'sec-fetch-site': 'same-origin' })).toBeNull();
    expect(refused({ origin: 'https://switchyard.corp', host: 'switchyard.corp' }, [], 'http://127.0.0.1:3000/api/v1/x')).toBeNull();
    expect(refused({ origin: 'https://switchyard.corp', 'x-forwarded-host': 'switchyard.corp' }, [], 'http://127.0.0.1:3000/api/v1/x')).toBeNull();
  });

  it('accepts requests that name no origin at all (curl, scripts: they still need token and role)', () => {
    expect(refused({})).toBeNull();
  });

  it('refuses another site, a sibling subdomain, and an opaque origin', () => {
    expect(refused({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).toMatch(/another site \(Origin https:\/\/evil\.example\)/);
    expect(refused({ 'sec-fetch-site': 'cross-site' })).toMatch(/Sec-Fetch-Site: cross-site/);
    expect(refused({ 'sec-fetch-site': 'same-site' })).toMatch(/same-site/);
    expect(refused({ origin: 'http://dash.example:3001' })).toMatch(/dash\.example:3001/);
    expect(refused({ origin: 'null' })).toMatch(/"null"/);
  });

  it('accepts auth.allowedOrigins even cross-site', () => {
    expect(refused({ origin: 'https://ops.example', 'sec-fetch-site': 'cross-site' }, ['https://ops.example'])).toBeNull();
    expect(refused({ origin: 'https://ops2.example', 'sec-fetch-site': 'cross-site' }, ['https://ops.example'])).not.toBeNull();
  });
});
