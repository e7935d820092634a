import { Skeleton } from '@/components/ui/Skeleton';

/** Shown while the policies route loads on navigation; the view then shows in-panel skeletons. */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading page" className="space-y-4">
      <Skeleton className="h-7 w-48" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
