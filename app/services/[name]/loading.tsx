import { Skeleton } from '@/components/ui/Skeleton';

/** Navigation to a service: the page shape (header, three charts, tables) before the view mounts. */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading service" className="space-y-6">
      <Skeleton className="h-8 w-64" />
      <div className="grid grid-cols-3 gap-3 sm:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-[58px]" />
        ))}
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} className="h-[270px]" />
        ))}
      </div>
    </div>
  );
}
