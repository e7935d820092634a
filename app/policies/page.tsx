import type { Metadata } from 'next';
import { Suspense } from 'react';
import { PoliciesView } from '@/components/policies/PoliciesView';
import { SkeletonRows } from '@/components/ui/Skeleton';

export const metadata: Metadata = { title: 'Policies' };

/** Static shell; the view reads its state from the URL and its data from /api/v1/policies. */
export default function PoliciesPage() {
  return (
    <Suspense fallback={<SkeletonRows label="Loading policies" />}>
      <PoliciesView />
    </Suspense>
  );
}
