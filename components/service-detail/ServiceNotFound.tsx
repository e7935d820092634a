import Link from 'next/link';
import { withRange, type RangeState } from '@/lib/query/range-params';

export interface ServiceNotFoundProps {
  name: string;
  message: string;
  range: RangeState;
}

/** An unknown service name (typo, old link, decommissioned service): a message and a way back, not a crash. */
export function ServiceNotFound({ name, message, range }: ServiceNotFoundProps) {
  return (
    <div className="mx-auto max-w-xl py-12 text-center">
      <h1 className="text-xl font-semibold">Service not found</h1>
      <p className="mt-2 text-sm break-words text-slate-600 dark:text-slate-400">
        Switchyard knows no service named <strong className="font-mono">{name}</strong> in this window. ({message})
      </p>
      <Link href={withRange('/services', range)} className="mt-4 inline-block text-sky-700 underline dark:text-sky-400">
        Back to all services
      </Link>
    </div>
  );
}
