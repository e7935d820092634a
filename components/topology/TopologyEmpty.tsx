import { EmptyState } from '@/components/ui/EmptyState';

export interface TopologyEmptyProps {
  /** Backends failed: the map may be empty because of that, not because there is nothing. */
  degraded: boolean;
}

/** No services at all: what to configure so the map has something to draw. */
export function TopologyEmpty({ degraded }: TopologyEmptyProps) {
  return (
    <EmptyState title={degraded ? 'No services could be loaded' : 'No services to draw yet'}>
      <p>
        {degraded ? 'Fix the backend problem above, or: r' : 'R'}egister services in the registry, or point Switchyard at a Prometheus that
        scrapes them. The calls between services come from the metric profile&apos;s client metrics (
        <code className="font-mono">otel-http</code>, <code className="font-mono">service-graph</code> or <code className="font-mono">istio</code>).
      </p>
      <p className="mt-2">
        Switchyard reads its backends and profile from the file named by <code className="font-mono">SWITCHYARD_CONFIG</code> (see{' '}
        <code className="font-mono">docs/configuration.md</code>).
      </p>
    </EmptyState>
  );
}
