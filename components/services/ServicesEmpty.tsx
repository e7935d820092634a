import { EmptyState } from '@/components/ui/EmptyState';

export interface ServicesEmptyProps {
  /** Backends failed: the list may be empty because of that, not because there is nothing. */
  degraded: boolean;
}

const SCRAPE_DOCS = 'https://prometheus.io/docs/prometheus/latest/configuration/configuration/#scrape_config';

export function ServicesEmpty({ degraded }: ServicesEmptyProps) {
  return (
    <EmptyState title={degraded ? 'No services could be loaded' : 'No services yet'}>
      <p>
        {degraded ? 'Fix the backend problem above, or: r' : 'R'}egister services in the registry or point Switchyard at a Prometheus that
        scrapes them.
      </p>
      <p className="mt-2">
        Switchyard reads its backends from the file named by <code className="font-mono">SWITCHYARD_CONFIG</code> (see{' '}
        <code className="font-mono">docs/configuration.md</code>).{' '}
        <a href={SCRAPE_DOCS} className="text-sky-700 underline dark:text-sky-400" target="_blank" rel="noreferrer">
          How Prometheus scrapes services
        </a>
        .
      </p>
    </EmptyState>
  );
}
