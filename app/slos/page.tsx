import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SlosView } from '@/components/slos/SlosView';
import { SkeletonRows } from '@/components/ui/Skeleton';

export const metadata: Metadata = { title: 'SLOs' };

/** Static shell; the view reads its state from the URL and its data from /api/v1/slos. */
export default function SlosPage() {
  return (
    <Suspense fallback={<SkeletonRows label="Loading SLOs" />}>
      <SlosView />
    </Suspense>
  );
}
