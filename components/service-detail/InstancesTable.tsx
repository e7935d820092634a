import type { Instance } from '@/lib/schemas/services';
import { EmptyState } from '@/components/ui/EmptyState';

export interface InstancesTableProps {
  instances: readonly Instance[];
}

// Metadata people look for first; the rest follows alphabetically.
const FIRST = ['version', 'owner', 'team', 'zone', 'region'];

function orderedMetadata(meta: Record<string, string>): Array<[string, string]> {
  const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : FIRST.length);
  return Object.entries(meta).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

function UpCell({ up }: { up: boolean | null }) {
  const [label, dot] = up === null ? ['Not scraped', 'border border-slate-400'] : up ? ['Up', 'bg-emerald-500'] : ['Down', 'bg-red-600'];
  return (
    <span className="inline-flex items-center gap-1.5">
      <span aria-hidden="true" className={`inline-block h-2.5 w-2.5 rounded-full ${dot}`} />
      {label}
    </span>
  );
}

export function InstancesTable({ instances }: InstancesTableProps) {
  if (instances.length === 0) {
    return <EmptyState title="No instances">Neither the registry nor Prometheus' scrape targets list an instance of this service.</EmptyState>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <caption className="sr-only">Instances</caption>
        <thead className="border-b border-slate-200 text-xs text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">Instance</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">Address</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">Scrape</th>
            <th scope="col" className="px-3 py-2 text-left font-medium">Metadata</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {instances.map((i) => (
            <tr key={i.id}>
              <th scope="row" className="px-3 py-2 text-left font-mono text-xs font-normal break-all">{i.id}</th>
              <td className="px-3 py-2 font-mono text-xs">{i.address}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                <UpCell up={i.up} />
              </td>
              <td className="px-3 py-2">
                <ul className="flex flex-wrap gap-1">
                  {orderedMetadata(i.metadata).map(([k, v]) => (
                    <li key={k} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs dark:bg-slate-800">
                      <span className="text-slate-500 dark:text-slate-400">{k}=</span>
                      {v}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
