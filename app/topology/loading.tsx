import { Skeleton } from '@/components/ui/Skeleton';

/** Shown while the topology route loads on navigation; the view then shows its own skeleton. */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading page" className="space-y-4">
      <Skeleton className="h-7 w-48" />
      <Skeleton className="h-[560px] w-full" />
    </div>
  );
}
