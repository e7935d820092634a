import { Skeleton } from '@/components/ui/Skeleton';

/**
 * Shown while the services route loads on navigation; the views then show in-panel skeletons.
 * Not at the app root: a root loading boundary would turn the "/" redirect into a 200 + meta refresh.
 */
export default function Loading() {
  return (
    <div role="status" aria-label="Loading page" className="space-y-4">
      <Skeleton className="h-7 w-48" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
