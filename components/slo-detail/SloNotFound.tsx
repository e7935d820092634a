import Link from 'next/link';
import { withRange, type RangeState } from '@/lib/query/range-params';
import { EmptyState } from '@/components/ui/EmptyState';

/** An id no loaded spec has: say so, and where SLOs come from. */
export function SloNotFound({ id, message, range }: { id: string; message: string; range: RangeState }) {
  return (
    <EmptyState title={`No SLO "${id}"`}>
      <p>{message}</p>
      <p className="mt-2">
        It may have been renamed or removed from its spec file, or failed to load (the SLO list shows spec problems).{' '}
        <Link href={withRange('/slos', range)} className="text-sky-700 underline dark:text-sky-400">
          All SLOs
        </Link>
      </p>
    </EmptyState>
  );
}
