import { Skeleton } from '@/components/ui/Skeleton';

/** Navigation to an SLO: the page shape (header, tiles, two charts) before the view mounts. */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading SLO" className="space-y-6">
      <Skeleton className="h-8 w-64" />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-[72px]" />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <Skeleton className="h-[290px]" />
        <Skeleton className="h-[310px]" />
      </div>
    </div>
  );
}
