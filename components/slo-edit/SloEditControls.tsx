'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { sloSpecQuery } from '@/lib/query/slo-spec';
import { BUTTON } from '@/components/policies/Modal';
import { useWriteAccess } from '@/components/policies/usePolicies';
import { WriteGate } from '@/components/policies/WriteGate';
import { useUpdateSearchParams } from '@/components/url/search-params';
import { SpecEditDialog } from './SpecEditDialog';

/** The `edit` URL parameter: the open editor, so a reload or a shared link reopens it. */
const EDIT_PARAM = 'edit';

/**
 * On /slos/<id>: Edit (an SLO of the editable file) or Copy to editable (one from a GitOps file),
 * offered to operators; others see the button disabled and why (docs/slo.md "Editing in the UI").
 */
export function SloEditControls({ id }: { id: string }) {
  const access = useWriteAccess();
  const spec = useQuery(sloSpecQuery(id));
  const params = useSearchParams();
  const update = useUpdateSearchParams();
  const router = useRouter();
  const open = params.get(EDIT_PARAM);

  const s = spec.data;
  const off = s?.editableFile === null;
  const kind = s?.editable ? 'edit' : 'copy';
  const label = kind === 'edit' ? 'Edit' : 'Copy to editable';
  const hint = off ? 'Editing in the UI is off (slo.editableFile, docs/slo.md)' : kind === 'copy' && s ? `Defined in ${s.file} (read-only here): copy it under a new id` : null;
  const close = () => update({ [EDIT_PARAM]: null }, 'replace');

  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className={BUTTON}
        disabled={!access.can || !s || off}
        title={access.why ?? hint ?? undefined}
        onClick={() => update({ [EDIT_PARAM]: kind }, 'push')}
      >
        {label}
      </button>
      <WriteGate access={access} />
      {access.can && hint && <p className="text-xs text-slate-600 dark:text-slate-400">{hint}</p>}
      {access.can && s && !off && (open === 'edit' || open === 'copy') && (
        <SpecEditDialog
          mode={{ kind: open === 'edit' && s.editable ? 'edit' : 'copy', id }}
          onClose={close}
          onDone={(saved) => {
            if (saved === id) close();
            else router.push(saved === null ? '/slos' : `/slos/${encodeURIComponent(saved)}`);
          }}
        />
      )}
    </div>
  );
}

/** On /slos: New SLO, with a template, for operators. */
export function NewSloControl() {
  const access = useWriteAccess();
  const params = useSearchParams();
  const update = useUpdateSearchParams();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button type="button" className={BUTTON} disabled={!access.can} title={access.why ?? undefined} onClick={() => update({ [EDIT_PARAM]: 'new' }, 'push')}>
        New SLO
      </button>
      <WriteGate access={access} />
      {access.can && params.get(EDIT_PARAM) === 'new' && (
        <SpecEditDialog
          mode={{ kind: 'new' }}
          onClose={() => update({ [EDIT_PARAM]: null }, 'replace')}
          // Stay on the list: it refetches and shows the new SLO (with its link).
          onDone={() => update({ [EDIT_PARAM]: null }, 'replace')}
        />
      )}
    </div>
  );
}
