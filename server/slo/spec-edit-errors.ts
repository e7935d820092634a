import 'server-only';
import type { SpecProblem } from '@/lib/schemas/slo';
import { AppError } from '@/server/runtime/errors';

/** The posted spec does not parse: a 400 with every problem (field and line inside the posted text). */
export class SpecInvalidError extends AppError {
  static override readonly brand: string = 'SpecInvalidError';
  constructor(
    readonly problems: SpecProblem[],
    readonly field = problems[0]?.field,
  ) {
    const first = problems[0];
    super(first ? `${first.field || '(document)'}${first.line ? ` (line ${first.line})` : ''}: ${first.message}` : 'invalid spec');
    this.name = 'SpecInvalidError';
  }
}

/** The editable file changed since the editor read it: a 409 carrying the file as it is now. */
export class SpecStaleError extends AppError {
  static override readonly brand: string = 'SpecStaleError';
  constructor(readonly current: { text: string; hash: string }) {
    super('the SLO file changed since you opened it: reload to see the current version, then edit again');
    this.name = 'SpecStaleError';
  }
}

/** A write the UI cannot make: editing off, an id used by another file, a read-only SLO. A 409 with a code. */
export class SpecRefusedError extends AppError {
  static override readonly brand: string = 'SpecRefusedError';
  constructor(
    readonly code: 'editing_disabled' | 'id_taken' | 'read_only',
    message: string,
  ) {
    super(message);
    this.name = 'SpecRefusedError';
  }
}
