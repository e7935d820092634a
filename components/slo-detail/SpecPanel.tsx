import type { Slo } from '@/lib/schemas/slo';
import { Panel } from '@/components/ui/Panel';

const FORMAT_NAMES: Record<Slo['source']['format'], string> = { switchyard: 'Switchyard', openslo: 'OpenSLO v1', sloth: 'Sloth prometheus/v1', pyrra: 'Pyrra' };

export interface SpecPanelProps {
  spec: Slo;
  yaml: string;
  /** This SLO's generated Prometheus rules (a file download). */
  rulesUrl: string;
}

/** The spec as loaded (normalised into the internal model) and where it came from. */
export function SpecPanel({ spec, yaml, rulesUrl }: SpecPanelProps) {
  // The server names the file (Content-Disposition).
  const actions = (
    <a href={rulesUrl} download className="text-xs font-medium text-sky-700 hover:underline dark:text-sky-400">
      Download Prometheus rules
    </a>
  );
  return (
    <Panel title="Spec" actions={actions}>
      <div className="space-y-2 p-4 text-sm">
        <p className="text-slate-600 dark:text-slate-400">
          From <code className="font-mono text-xs break-all">{spec.source.file}</code>
          {spec.source.index > 0 ? ` (document ${spec.source.index + 1})` : ''}, {FORMAT_NAMES[spec.source.format]} format; shown as loaded, in Switchyard&apos;s model
          (docs/slo.md).
        </p>
        <pre aria-label="Spec as YAML" className="max-h-96 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs leading-relaxed dark:bg-slate-950">
          {yaml}
        </pre>
      </div>
    </Panel>
  );
}
