import type { SpecProblem } from '@/lib/schemas/slo';

/**
 * Specs that did not load, each with its file (and line), field and reason; the other SLOs still show
 * below. Amber, not red: the page works, some SLOs are missing from it.
 */
export function SpecProblemsBanner({ problems }: { problems: readonly SpecProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div
      role="status"
      aria-label="SLO spec problems"
      className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
    >
      <p className="font-semibold">
        {problems.length === 1 ? 'One SLO spec problem' : `${problems.length} SLO spec problems`}: the affected SLOs are not loaded (docs/slo.md, &ldquo;What happens to a bad spec&rdquo;).
      </p>
      <ul className="mt-1 space-y-0.5">
        {problems.map((p, i) => (
          <li key={`${p.file}-${p.field}-${i}`} className="break-words">
            <code className="font-mono text-xs">
              {p.file}
              {p.line ? `:${p.line}` : ''}
            </code>{' '}
            <span className="font-medium">{p.field || '(document)'}</span>: {p.message}
          </li>
        ))}
      </ul>
    </div>
  );
}
