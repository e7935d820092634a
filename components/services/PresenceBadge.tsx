import { Badge } from '@/components/ui/Badge';

export interface PresenceBadgeProps {
  presence: 'no-traffic' | 'not-registered' | null;
}

/** Where a service was seen: registered but silent, or sending metrics without being registered. */
export function PresenceBadge({ presence }: PresenceBadgeProps) {
  if (presence === 'no-traffic') {
    return (
      <Badge tone="neutral" title="In the registry, but no requests in the metrics for this window">
        no traffic
      </Badge>
    );
  }
  if (presence === 'not-registered') {
    return (
      <Badge tone="warning" title="Seen in the metrics, but the registry does not list it">
        not registered
      </Badge>
    );
  }
  return null;
}
