import type { SloStatus } from '@/lib/schemas/slo-status';
import { formatSloWindow } from '@/lib/format/slo';
import { formatRatio } from '@/lib/format/units';
import { Badge } from '@/components/ui/Badge';

/**
 * Says when the numbers cover only part of the SLO window (metrics younger than the window, gaps):
 * a 99.99 % SLI over two days of a 30-day window is not what it seems. Silent at ≥ 99 % coverage.
 */
export function CoverageHint({ status }: { status: Pick<SloStatus, 'coverage' | 'window'> }) {
  const c = status.coverage;
  if (c === null || c >= 0.99) return null;
  const text = c === 0 ? 'no data in window' : `${formatRatio(c)} of window`;
  return (
    <Badge tone="warning" title={`Data covers ${formatRatio(c)} of the ${formatSloWindow(status.window)} window; the numbers are over that part only.`}>
      {text}
    </Badge>
  );
}
