import Link from 'next/link';
import type { EdgePeer } from '@/lib/schemas/services';
import { formatLatency, formatRate, formatRatio } from '@/lib/format/units';
import { withRange, type RangeState } from '@/lib/query/range-params';
import { EmptyState } from '@/components/ui/EmptyState';

export interface PeersTableProps {
  /** "Callers" or "Callees": also the table's accessible name. */
  caption: string;
  peers: readonly EdgePeer[];
  range: RangeState;
  emptyText: string;
}

/** One direction of a service's edges with the edge's own RED numbers; each peer links to its page. */
export function PeersTable({ caption, peers, range, emptyText }: PeersTableProps) {
  if (peers.length === 0) return <EmptyState title={emptyText} />;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">Service</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Req/s</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">Error %</th>
            <th scope="col" className="px-3 py-2 text-right font-medium">p95</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {peers.map((p) => (
            <tr key={p.service}>
              <th scope="row" className="px-3 py-2 text-left font-normal">
                <Link href={withRange(`/services/${encodeURIComponent(p.service)}`, range)} prefetch={false} className="font-medium text-sky-700 hover:underline dark:text-sky-400">
                  {p.service}
                </Link>
              </th>
              <td className="px-3 py-2 text-right tabular-nums">{formatRate(p.rps)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatRatio(p.errorRatio)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatLatency(p.p95)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
