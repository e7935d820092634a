import { describe, expect, it } from 'vitest';
import { ConflictError, StoreUnavailableError } from '@/server/policies/errors';
import * as a from './errors';

describe('typed errors across module copies', () => {
  it('are recognised by another copy of their class (Next bundles each route separately)', async () => {
    // A query string makes Vite load a second, separate instance of the module: two copies of each class.
    // @ts-expect-error: the query suffix is Vite's, TypeScript cannot resolve it.
    const b = (await import('./errors?second-copy')) as typeof a;
    expect(b.InputError).not.toBe(a.InputError);
    const e = new a.InputError('bad', 'from');
    expect(e instanceof b.InputError).toBe(true);
    expect(e instanceof b.AppError).toBe(true);
    expect(e instanceof b.NotFoundError).toBe(false);
    // Subclasses: a store outage is a SourceFailure to every copy, and not the other way round.
    const down = new StoreUnavailableError('policies:etcd', 'unreachable');
    expect(down instanceof b.SourceFailure).toBe(true);
    expect(new b.SourceFailure('prometheus', 'timeout', 'slow') instanceof StoreUnavailableError).toBe(false);
    expect(new ConflictError('service:a', 1, null) instanceof b.AppError).toBe(true);
    // Plain errors stay plain.
    expect(new Error('x') instanceof b.AppError).toBe(false);
    expect((null as unknown) instanceof b.AppError).toBe(false);
  });
});
