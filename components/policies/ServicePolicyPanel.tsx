'use client';

import Link from 'next/link';
import { Panel } from '@/components/ui/Panel';
import { PolicyActions } from './PolicyActions';

/** The service page's policy block: its inbound breaker and rate limit, with the quick toggles. */
export function ServicePolicyPanel({ name }: { name: string }) {
  return (
    <Panel
      title="Inbound policy"
      actions={
        <Link href={`/policies?service=${encodeURIComponent(name)}`} className="text-xs text-sky-700 hover:underline dark:text-sky-400">
          Every policy concerning {name}
        </Link>
      }
    >
      <div className="p-4">
        <PolicyActions key={name} target={{ kind: 'service', service: name }} />
      </div>
    </Panel>
  );
}
