import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ServiceDetailView } from '@/components/service-detail/ServiceDetailView';
import { SkeletonRows } from '@/components/ui/Skeleton';

interface ServicePageProps {
  params: Promise<{ name: string }>;
}

export async function generateMetadata({ params }: ServicePageProps): Promise<Metadata> {
  return { title: (await params).name };
}

/** The name comes decoded from the route; whether it exists is for the API to say (404 → not-found view). */
export default async function ServicePage({ params }: ServicePageProps) {
  const { name } = await params;
  return (
    <Suspense fallback={<SkeletonRows label="Loading service" />}>
      <ServiceDetailView key={name} name={name} />
    </Suspense>
  );
}
