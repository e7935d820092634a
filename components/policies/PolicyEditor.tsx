'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { policyId, type Policy, type PolicySpec } from '@/lib/schemas/policy';
import { targetFromId, targetLabel } from '@/lib/policy/describe';
import { emptyForm, formFromPolicy, previewSpec, validateForm, type FormErrors, type FormField, type PolicyForm } from '@/lib/policy/form';
import { toApiError } from '@/lib/query/api-error';
import { savePolicy } from '@/lib/query/policies';
import { servicesQuery } from '@/lib/query/services';
import { NEW_POLICY } from '@/lib/query/policy-params';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { SkeletonRows } from '@/components/ui/Skeleton';
import { ConflictView } from './ConflictView';
import { ImpactPreview } from './ImpactPreview';
import { BUTTON, Modal, PRIMARY } from './Modal';
import { PolicyFormFields } from './PolicyFormFields';
import { usePoliciesQuery, usePolicyCache, useWriteAccess } from './usePolicies';
import { WriteGate } from './WriteGate';

export interface PolicyEditorProps {
  /** A policy id, or NEW_POLICY. An id with no live policy opens a new one for that target. */
  editId: string;
  onClose: () => void;
  onSaved: (p: Policy) => void;
  /** "Edit it instead" when a new policy's target has one already. */
  onEditOther: (id: string) => void;
  services: readonly string[];
}

/** The create/edit dialog: waits for the policy list, then edits a copy of what was stored when it opened. */
export function PolicyEditor({ editId, ...rest }: PolicyEditorProps) {
  const query = usePoliciesQuery();
  const title = editId === NEW_POLICY ? 'New policy' : `Policy: ${targetFromId(editId) ? targetLabel(targetFromId(editId)!) : editId}`;
  if (!query.data) {
    return (
      <Modal title={title} onClose={rest.onClose}>
        {query.isError ? (
          <ErrorNotice title="Could not load policies" message={toApiError(query.error).message} onRetry={() => void query.refetch()} />
        ) : (
          <SkeletonRows label="Loading the policy" rows={4} />
        )}
      </Modal>
    );
  }
  const stored = editId === NEW_POLICY ? null : (query.data.policies.find((p) => p.id === editId) ?? null);
  return <EditorBody key={editId} editId={editId} title={title} stored={stored} policies={query.data.policies} {...rest} />;
}

interface Conflict {
  current: Policy | null;
  mine: PolicySpec;
  base: number;
}

function EditorBody({ editId, title, stored, policies, onClose, onSaved, onEditOther, services }: Omit<PolicyEditorProps, 'editId'> & { editId: string; title: string; stored: Policy | null; policies: Policy[] }) {
  const live = stored && !stored.deleted ? stored : null;
  const [form, setForm] = useState<PolicyForm>(() => (live ? formFromPolicy(live) : emptyForm(editId === NEW_POLICY ? undefined : (targetFromId(editId) ?? undefined))));
  /** The version this edit is based on; null: a new policy, whose base is read at save time. */
  const [base, setBase] = useState<number | null>(stored ? stored.version : null);
  const [touched, setTouched] = useState<ReadonlySet<FormField>>(new Set());
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const access = useWriteAccess();
  const { invalidate, fresh } = usePolicyCache();
  const box = useRef<HTMLDivElement>(null);
  // Suggestions for the target: the fleet's services (registry and metrics), plus those policies name.
  const fleet = useQuery({ ...servicesQuery({ from: 'now-15m', to: 'now' }), staleTime: 60_000, enabled: stored === null });
  const suggestions = useMemo(() => [...new Set([...(fleet.data?.services.map((s) => s.name) ?? []), ...services])].sort(), [fleet.data, services]);

  const set = (patch: Partial<PolicyForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched((t) => new Set([...t, ...(Object.keys(patch) as FormField[])]));
  };

  // A new policy on a target that has one: say so (editing that one keeps its history in one place).
  const targetId = useMemo(() => {
    const r = validateForm({ ...form, reason: 'x'.repeat(3) }, 0);
    return r.ok ? policyId(r.write.spec.target) : null;
  }, [form]);
  const clash = base === null && targetId !== null ? policies.find((p) => p.id === targetId && !p.deleted) : undefined;
  const expected = base ?? policies.find((p) => p.id === targetId)?.version ?? 0;

  const verdict = validateForm(form, expected);
  const allErrors: FormErrors = verdict.ok ? {} : verdict.errors;
  const shown: FormErrors = Object.fromEntries(Object.entries(allErrors).filter(([k]) => tried || touched.has(k as FormField) || k === 'form'));
  if (!tried && !touched.has('reason')) delete shown.form;
  const spec = useMemo(() => previewSpec(form), [form]);

  useEffect(() => {
    if (tried) box.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [tried]);

  const save = async (expectedVersion: number) => {
    setTried(true);
    const r = validateForm(form, expectedVersion);
    if (!r.ok || clash) {
      box.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    const id = policyId(r.write.spec.target);
    setSaving(true);
    setProblem(null);
    try {
      const saved = await savePolicy(id, r.write);
      setConflict(null);
      await invalidate();
      onSaved(saved);
    } catch (err) {
      const e = toApiError(err);
      if (e.status === 409) setConflict({ current: await fresh(id).catch(() => null), mine: r.write.spec, base: expectedVersion });
      else setProblem(e.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal title={title} onClose={onClose} wide>
      <form
        aria-label={title}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save(expected);
        }}
        className="space-y-3"
      >
        <div ref={box} className="grid gap-4 lg:grid-cols-2">
          <PolicyFormFields form={form} set={set} errors={shown} targetEditable={stored === null} services={suggestions} />
          <div className="space-y-3 lg:sticky lg:top-0 lg:self-start">
            <ImpactPreview spec={spec} />
            {stored?.deleted && <p className="text-sm text-slate-600 dark:text-slate-400">This policy was deleted (version {stored.version}); saving creates it again as version {stored.version + 1}.</p>}
          </div>
        </div>
        {shown.form && <p className="text-sm text-red-700 dark:text-red-400">{shown.form}</p>}
        {clash && (
          <p className="text-sm text-amber-800 dark:text-amber-300">
            {targetLabel(clash.spec.target)} has a policy already (version {clash.version}).{' '}
            <button type="button" className="underline" onClick={() => onEditOther(clash.id)}>
              Edit it instead
            </button>
          </p>
        )}
        {problem && (
          <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200">
            Not saved: {problem}
          </p>
        )}
        {conflict && (
          <ConflictView
            current={conflict.current}
            yourBase={conflict.base}
            mine={conflict.mine}
            busy={saving}
            onLoadCurrent={() => {
              if (!conflict.current) return;
              setForm({ ...formFromPolicy(conflict.current), reason: form.reason });
              setBase(conflict.current.version);
              setConflict(null);
            }}
            onApplyMine={() => {
              if (!conflict.current) return;
              setBase(conflict.current.version);
              void save(conflict.current.version);
            }}
          />
        )}
        <div className="flex flex-wrap items-center justify-end gap-2 border-t border-slate-200 pt-3 dark:border-slate-800">
          <WriteGate access={access} />
          <span className="mr-auto text-xs text-slate-500 dark:text-slate-400">{base !== null && base > 0 ? `Editing version ${base}` : 'Creates the policy'}</span>
          <button type="button" className={BUTTON} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={PRIMARY} disabled={!access.can || saving || conflict !== null}>
            {saving ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
