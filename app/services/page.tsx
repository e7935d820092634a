import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ServicesView } from '@/components/services/ServicesView';
import { SkeletonRows } from '@/components/ui/Skeleton';

export const metadata: Metadata = { title: 'Services' };

/** Static shell; the view reads its state from the URL and its data from /api/v1/services. */
export default function ServicesPage() {
  return (
    <Suspense fallback={<SkeletonRows label="Loading services" />}>
      <ServicesView />
    </Suspense>
  );
}
