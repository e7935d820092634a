import type { SourceError } from '@/lib/schemas/errors';
import { describeSourceError } from '@/lib/format/source-errors';

export interface SourceErrorsBannerProps {
  errors: readonly SourceError[];
}

/**
 * Partial failure, non-blocking: the data that did arrive is still shown below; this names the
 * backend that failed so nobody mistakes missing numbers for a quiet fleet.
 */
export function SourceErrorsBanner({ errors }: SourceErrorsBannerProps) {
  if (errors.length === 0) return null;
  return (
    <div
      role="status"
      aria-label="Backend problems"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      <p className="font-semibold">Some data is missing: {errors.length === 1 ? 'a backend' : `${errors.length} backends`} did not answer.</p>
      <ul className="mt-1 list-disc pl-5">
        {errors.map((e, i) => (
          <li key={`${e.source}-${i}`} className="break-words">
            {describeSourceError(e)}
          </li>
        ))}
      </ul>
    </div>
  );
}
