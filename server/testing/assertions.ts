import 'server-only';
import { expect } from 'vitest';
import { SourceFailure } from '@/server/runtime/errors';

/** Polls until `check` passes (it throws until then), or rethrows its last failure after `ms`. */
export async function eventually(check: () => Promise<void> | void, ms = 10_000, intervalMs = 25): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > until) throw err;
      await new Promise((r) => setTimeout(r, intervalMs));
    }
  }
}

/** The SourceFailure a promise rejects with; fails the test if it resolves or throws something else. */
export async function failure(p: Promise<unknown>): Promise<SourceFailure> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SourceFailure);
    return e as SourceFailure;
  }
  throw new Error('expected a failure');
}
