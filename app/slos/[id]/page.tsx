import type { Metadata } from 'next';
import { Suspense } from 'react';
import { SloDetailView } from '@/components/slo-detail/SloDetailView';
import { SkeletonRows } from '@/components/ui/Skeleton';

interface SloPageProps {
  params: Promise<{ id: string }>;
}

export async function generateMetadata({ params }: SloPageProps): Promise<Metadata> {
  return { title: `SLO ${(await params).id}` };
}

/** The id comes decoded from the route; whether it exists (or is valid) is for the API to say. */
export default async function SloPage({ params }: SloPageProps) {
  const { id } = await params;
  return (
    <Suspense fallback={<SkeletonRows label="Loading SLO" />}>
      <SloDetailView key={id} id={id} />
    </Suspense>
  );
}
