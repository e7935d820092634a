import { EmptyState } from '@/components/ui/EmptyState';

export interface SlosEmptyProps {
  paths: readonly string[];
  /** Some specs failed to load (listed above): maybe that is why none show. */
  problems: number;
}

/** No SLO loaded: where specs go, or that no path is configured at all. */
export function SlosEmpty({ paths, problems }: SlosEmptyProps) {
  if (paths.length === 0) {
    return (
      <EmptyState title="No SLOs loaded: no spec paths are configured">
        <p>
          Set <code className="font-mono">slo.paths</code> in the file named by <code className="font-mono">SWITCHYARD_CONFIG</code> to the files or
          directories holding your SLO specs (Switchyard, OpenSLO, Sloth or Pyrra): see <code className="font-mono">docs/slo.md</code> and{' '}
          <code className="font-mono">docs/configuration.md</code>.
        </p>
      </EmptyState>
    );
  }
  return (
    <EmptyState title={`No SLOs loaded: add specs to ${paths.join(', ')}`}>
      <p>
        {problems > 0 ? 'Fix the spec problems above, or add' : 'Add'} SLO specs (Switchyard, OpenSLO, Sloth or Pyrra format) as{' '}
        <code className="font-mono">.yaml</code>, <code className="font-mono">.yml</code> or <code className="font-mono">.json</code> files there; they are read
        within seconds. Formats and examples: <code className="font-mono">docs/slo.md</code>.
      </p>
    </EmptyState>
  );
}
