import 'server-only';
import type { SourceErrorKind } from '@/lib/schemas/errors';

/**
 * Typed errors. Adapters throw SourceError subclasses; route handlers never build responses from raw
 * errors, they go through toHttp() in server/runtime/http.ts, the one place errors become HTTP.
 */

const BRANDS = Symbol.for('switchyard.errorBrands');

/**
 * Base of our typed errors. Next bundles each route into its own module graph, so one error class can
 * exist several times in a process, and an error thrown by a shared singleton (the container, the auth
 * service: built by whichever route ran first) failed `instanceof` in the other routes, which then
 * answered 500 instead of 409/404/403. Each error carries the stable brands of its class chain (class
 * names may be minified) and `instanceof` checks them, so any copy of a class recognises it.
 */
export class AppError extends Error {
  static readonly brand: string = 'AppError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    const brands: string[] = [];
    for (let c: unknown = new.target; typeof c === 'function' && 'brand' in c; c = Object.getPrototypeOf(c)) {
      if (Object.hasOwn(c, 'brand')) brands.push((c as { brand: string }).brand);
    }
    Object.defineProperty(this, BRANDS, { value: brands });
  }
  static [Symbol.hasInstance](v: unknown): boolean {
    if (Function.prototype[Symbol.hasInstance].call(this, v)) return true;
    const brands = typeof v === 'object' && v !== null ? (v as { [BRANDS]?: unknown })[BRANDS] : undefined;
    return Array.isArray(brands) && brands.includes(this.brand);
  }
}

export class SourceFailure extends AppError {
  static override readonly brand: string = 'SourceFailure';
  constructor(
    readonly source: string,
    readonly kind: SourceErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
    this.name = 'SourceFailure';
  }
  /** The message without the source prefix, for SourceError DTOs. */
  get detail(): string {
    return this.message.slice(this.source.length + 2);
  }
}

export const sourceUnavailable = (source: string, message: string, cause?: unknown) => new SourceFailure(source, 'unavailable', message, { cause });
export const sourceTimeout = (source: string, message: string, cause?: unknown) => new SourceFailure(source, 'timeout', message, { cause });
export const badQuery = (source: string, message: string, cause?: unknown) => new SourceFailure(source, 'bad_query', message, { cause });
export const badResponse = (source: string, message: string, cause?: unknown) => new SourceFailure(source, 'bad_response', message, { cause });

/** The kind of an HTTP error status when the backend names none: 5xx is the backend failing, the rest our request. */
export const statusKind = (httpStatus: number): SourceErrorKind => (httpStatus >= 500 ? 'unavailable' : 'bad_query');

/** Bad client input: becomes a 400 naming the field. */
export class InputError extends AppError {
  static override readonly brand: string = 'InputError';
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** An unknown entity (service, ...): becomes a 404. */
export class NotFoundError extends AppError {
  static override readonly brand: string = 'NotFoundError';
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** Invalid configuration: fails startup with the bad key named. */
export class ConfigError extends AppError {
  static override readonly brand: string = 'ConfigError';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Not signed in (or the session ended): becomes a 401 saying how to sign in. */
export class UnauthenticatedError extends AppError {
  static override readonly brand: string = 'UnauthenticatedError';
  constructor(message: string) {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** Signed in but not allowed (role too low, writes off, failed CSRF check): becomes a 403 with `code`. */
export class ForbiddenError extends AppError {
  static override readonly brand: string = 'ForbiddenError';
  constructor(
    message: string,
    readonly code: 'forbidden' | 'csrf' | 'writes_disabled' | 'login_disabled' = 'forbidden',
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** Too many attempts (failed logins): becomes a 429 with Retry-After. */
export class TooManyRequestsError extends AppError {
  static override readonly brand: string = 'TooManyRequestsError';
  constructor(
    message: string,
    readonly retryAfterS: number,
  ) {
    super(message);
    this.name = 'TooManyRequestsError';
  }
}
