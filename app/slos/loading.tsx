import { Skeleton } from '@/components/ui/Skeleton';

/** Navigation to /slos: the page shape before the view mounts (it then shows in-panel skeletons). */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading page" className="space-y-4">
      <Skeleton className="h-7 w-32" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
