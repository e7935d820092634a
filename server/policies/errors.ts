import 'server-only';
import type { Policy } from '@/lib/schemas/policy';
import { AppError, SourceFailure } from '@/server/runtime/errors';

/**
 * A write named a version that is no longer current (or 0 for a policy that exists). Carries what is
 * stored now so the caller can show it: a route answers 409 with PolicyConflict { current }.
 */
export class ConflictError extends AppError {
  static override readonly brand: string = 'ConflictError';
  constructor(
    readonly policyId: string,
    readonly expectedVersion: number,
    readonly current: Policy | null,
  ) {
    super(
      current
        ? `${policyId} is at version ${current.version} (changed by ${current.updatedBy} at ${current.updatedAt}); this write expected version ${expectedVersion}`
        : `${policyId} does not exist; this write expected version ${expectedVersion} (create with expectedVersion 0)`,
    );
    this.name = 'ConflictError';
  }
}

/**
 * The store cannot be read or written now (etcd unreachable, the state directory failing or locked by
 * another process). Nothing was stored, or for an etcd write whose answer was lost, maybe the whole
 * write: re-read before retrying (the compare-and-set makes a blind retry safe). A route answers 503.
 */
export class StoreUnavailableError extends SourceFailure {
  static override readonly brand: string = 'StoreUnavailableError';
  constructor(source: string, message: string, cause?: unknown) {
    super(source, 'unavailable', message, { cause });
    this.name = 'StoreUnavailableError';
  }
}

/** What is stored is not what a store writes (edited by hand, another program): a 500, never guessed around. */
export class StoreDataError extends AppError {
  static override readonly brand: string = 'StoreDataError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreDataError';
  }
}
