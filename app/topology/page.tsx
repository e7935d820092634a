import type { Metadata } from 'next';
import { Suspense } from 'react';
import { TopologyView } from '@/components/topology/TopologyView';
import { SkeletonRows } from '@/components/ui/Skeleton';

export const metadata: Metadata = { title: 'Topology' };

/** Static shell; the view reads its state from the URL and its graph from /api/v1/topology. */
export default function TopologyPage() {
  return (
    <Suspense fallback={<SkeletonRows label="Loading topology" />}>
      <TopologyView />
    </Suspense>
  );
}
