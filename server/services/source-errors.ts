import 'server-only';
import type { SourceError } from '@/lib/schemas/errors';
import { SourceFailure } from '@/server/runtime/errors';

/** Turns a failed fan-out leg into data for the page; unknown failures are reported, never swallowed. */
export function toSourceError(err: unknown, source: string): SourceError {
  if (err instanceof SourceFailure) return { source: err.source, kind: err.kind, message: err.detail };
  return { source, kind: 'unavailable', message: err instanceof Error ? err.message : String(err) };
}

/** Collects per-source errors once each (the same outage fails every query of a view). */
export class ErrorList {
  private readonly seen = new Map<string, SourceError>();
  add(err: unknown, source: string): void {
    const e = toSourceError(err, source);
    const key = `${e.source}|${e.kind}|${e.message}`;
    if (!this.seen.has(key)) this.seen.set(key, e);
  }
  /** Adds an error another step already turned into data (e.g. a SloStatusResponse's errors). */
  push(e: SourceError): void {
    const key = `${e.source}|${e.kind}|${e.message}`;
    if (!this.seen.has(key)) this.seen.set(key, e);
  }
  /** Adds every error of another list (a sub-step that needed its own list to judge its own sources). */
  merge(other: ErrorList): void {
    for (const [key, e] of other.seen) if (!this.seen.has(key)) this.seen.set(key, e);
  }
  toArray(): SourceError[] {
    return [...this.seen.values()];
  }
}
