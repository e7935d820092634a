import { exportUrl, type ExportFormat } from '@/lib/query/policies';
import { BUTTON } from './Modal';

const FORMATS: ReadonlyArray<{ format: ExportFormat; label: string; file: string; title: string }> = [
  { format: 'istio', label: 'Istio DestinationRule', file: 'destinationrule', title: 'outlierDetection and connectionPool, for a mesh that enforces the breaker' },
  { format: 'envoy', label: 'Envoy config', file: 'envoy-ratelimit', title: 'Envoy local rate-limit filter configuration' },
];

/** Downloads of the policy as mesh configuration (YAML), for fleets that enforce policies in a mesh. */
export function ExportLinks({ id, hasRateLimit }: { id: string; hasRateLimit: boolean }) {
  const safe = id.replace(/[^A-Za-z0-9._-]+/g, '_');
  // Envoy's local rate limit renders a rate limit only; the Istio export covers the breaker.
  const formats = FORMATS.filter((f) => f.format !== 'envoy' || hasRateLimit);
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-slate-600 dark:text-slate-400">Export:</span>
      {formats.map((f) => (
        <a key={f.format} href={exportUrl(id, f.format)} download={`${safe}.${f.file}.yaml`} title={f.title} className={BUTTON}>
          {f.label}
        </a>
      ))}
    </div>
  );
}
