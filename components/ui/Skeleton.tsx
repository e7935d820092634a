/** Grey placeholder blocks with the shape of what is loading, so the layout does not jump. */
export interface SkeletonProps {
  className?: string;
}

export function Skeleton({ className = 'h-4 w-full' }: SkeletonProps) {
  return <div aria-hidden="true" className={`animate-pulse rounded bg-slate-200 dark:bg-slate-800 ${className}`} />;
}

export interface SkeletonRowsProps {
  label: string;
  rows?: number;
}

/** A table-shaped skeleton, announced once as "Loading …". */
export function SkeletonRows({ label, rows = 6 }: SkeletonRowsProps) {
  return (
    <div role="status" aria-label={label} className="space-y-3 p-4">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex gap-4">
          <Skeleton className="h-4 w-1/4" />
          <Skeleton className="h-4 w-1/6" />
          <Skeleton className="h-4 flex-1" />
        </div>
      ))}
    </div>
  );
}
