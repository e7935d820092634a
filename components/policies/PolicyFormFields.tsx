'use client';

import { useId, type ReactNode } from 'react';
import { BreakerMode, RateLimitScope } from '@/lib/schemas/policy';
import type { FormErrors, FormField, PolicyForm } from '@/lib/policy/form';
import { INPUT } from './Modal';

export interface PolicyFormFieldsProps {
  form: PolicyForm;
  set: (patch: Partial<PolicyForm>) => void;
  /** Messages to show (the editor decides which: touched fields, or all after a save attempt). */
  errors: FormErrors;
  /** New policy: the target can be chosen; an existing one keeps its target (it is the policy's id). */
  targetEditable: boolean;
  /** Service names for the target inputs' suggestions. */
  services: readonly string[];
}

export const fieldId = (base: string, field: FormField) => `${base}-${field}`;

const MODE_TEXT: Record<BreakerMode, string> = { auto: 'automatic (thresholds)', 'force-open': 'forced open (shed every call)', 'force-closed': 'forced closed (never open)' };

function Field({ base, field, label, unit, errors, children }: { base: string; field: FormField; label: string; unit?: string; errors: FormErrors; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined }) => ReactNode }) {
  const id = fieldId(base, field);
  const error = errors[field];
  return (
    <div className="text-sm">
      <label htmlFor={id} className="block text-slate-700 dark:text-slate-300">
        {label}
        {unit && <span className="text-slate-500 dark:text-slate-400"> ({unit})</span>}
      </label>
      {children({ id, 'aria-invalid': error !== undefined, 'aria-describedby': error ? `${id}-error` : undefined })}
      {error && (
        <p id={`${id}-error`} className="mt-0.5 text-xs text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (v: boolean) => void }) {
  return (
    <label className="inline-flex items-center gap-2 text-sm">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} className="h-4 w-4" />
      {label}
    </label>
  );
}

const group = 'space-y-2 rounded-md border border-slate-200 p-3 dark:border-slate-700';
const legend = 'px-1 text-sm font-semibold';

/** The editor's inputs, in the units people think in; every message comes from the API's zod schema. */
export function PolicyFormFields({ form, set, errors, targetEditable, services }: PolicyFormFieldsProps) {
  const base = useId();
  const listId = `${base}-services`;
  const text = (field: FormField, label: string, opts: { unit?: string; mode?: 'decimal' | 'numeric' | 'text'; list?: boolean } = {}) => (
    <Field base={base} field={field} label={label} unit={opts.unit} errors={errors}>
      {(props) => (
        <input
          {...props}
          value={String(form[field])}
          onChange={(e) => set({ [field]: e.target.value } as Partial<PolicyForm>)}
          inputMode={opts.mode ?? 'decimal'}
          list={opts.list ? listId : undefined}
          autoComplete="off"
          spellCheck={false}
          className={`${INPUT} mt-0.5 w-full`}
        />
      )}
    </Field>
  );

  return (
    <div className="space-y-3">
      <datalist id={listId}>
        {services.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <fieldset className={group} disabled={!targetEditable}>
        <legend className={legend}>Target</legend>
        {targetEditable && (
          <div className="flex flex-wrap gap-4 text-sm" role="radiogroup" aria-label="Applies to">
            {(['edge', 'service'] as const).map((k) => (
              <label key={k} className="inline-flex items-center gap-2">
                <input type="radio" name={`${base}-kind`} checked={form.targetKind === k} onChange={() => set({ targetKind: k })} />
                {k === 'edge' ? 'Calls from one service to another (the caller applies it)' : 'Everything a service receives (inbound)'}
              </label>
            ))}
          </div>
        )}
        {form.targetKind === 'edge' ? (
          <div className="grid grid-cols-2 gap-2">
            {text('source', 'Caller', { mode: 'text', list: true })}
            {text('target', 'Callee', { mode: 'text', list: true })}
          </div>
        ) : (
          text('service', 'Service', { mode: 'text', list: true })
        )}
      </fieldset>

      <fieldset className={group}>
        <legend className={legend}>Circuit breaker</legend>
        <div className="flex flex-wrap gap-4">
          <Check label="Has a circuit breaker" checked={form.breakerOn} onChange={(v) => set({ breakerOn: v })} />
          {form.breakerOn && <Check label="Enabled" checked={form.breakerEnabled} onChange={(v) => set({ breakerEnabled: v })} />}
        </div>
        {errors.breakerOn && <p className="text-xs text-red-700 dark:text-red-400">{errors.breakerOn}</p>}
        {form.breakerOn && (
          <>
            <Field base={base} field="mode" label="Mode" errors={errors}>
              {(props) => (
                <select {...props} value={form.mode} onChange={(e) => set({ mode: BreakerMode.parse(e.target.value) })} className={`${INPUT} mt-0.5 w-full`}>
                  {BreakerMode.options.map((m) => (
                    <option key={m} value={m}>
                      {MODE_TEXT[m]}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
              {text('failurePct', 'Failure threshold', { unit: '%' })}
              {text('slowPct', 'Slow-call threshold', { unit: '%' })}
              {text('slowMs', 'Slow means over', { unit: 'ms', mode: 'numeric' })}
              {text('minimumCalls', 'Minimum calls', { mode: 'numeric' })}
              <Field base={base} field="windowKind" label="Window" errors={errors}>
                {(props) => (
                  <select {...props} value={form.windowKind} onChange={(e) => set({ windowKind: e.target.value === 'time' ? 'time' : 'count' })} className={`${INPUT} mt-0.5 w-full`}>
                    <option value="count">last N calls</option>
                    <option value="time">last N seconds</option>
                  </select>
                )}
              </Field>
              {form.windowKind === 'count' ? text('windowSize', 'Window size', { unit: 'calls', mode: 'numeric' }) : text('windowSeconds', 'Window length', { unit: 's', mode: 'numeric' })}
              {text('openSeconds', 'Open for', { unit: 's' })}
              {text('halfOpenProbes', 'Half-open probes', { mode: 'numeric' })}
            </div>
          </>
        )}
      </fieldset>

      <fieldset className={group}>
        <legend className={legend}>Rate limit</legend>
        <div className="flex flex-wrap gap-4">
          <Check label="Has a rate limit" checked={form.limitOn} onChange={(v) => set({ limitOn: v })} />
          {form.limitOn && <Check label="Enabled" checked={form.limitEnabled} onChange={(v) => set({ limitEnabled: v })} />}
        </div>
        {form.limitOn && (
          <div className="grid grid-cols-3 gap-2">
            {text('rate', 'Rate', { unit: 'req/s' })}
            {text('burst', 'Burst', { unit: 'calls', mode: 'numeric' })}
            <Field base={base} field="scope" label="Scope" errors={errors}>
              {(props) => (
                <select {...props} value={form.scope} onChange={(e) => set({ scope: RateLimitScope.parse(e.target.value) })} className={`${INPUT} mt-0.5 w-full`}>
                  <option value="instance">per instance</option>
                  <option value="global">shared by all instances</option>
                </select>
              )}
            </Field>
          </div>
        )}
      </fieldset>

      <fieldset className={group}>
        <legend className={legend}>Rollout</legend>
        <Field base={base} field="rolloutStage" label="Send this version to" errors={errors}>
          {(props) => (
            <select {...props} value={form.rolloutStage} onChange={(e) => set({ rolloutStage: e.target.value === 'canary' ? 'canary' : 'all' })} className={`${INPUT} mt-0.5 w-full`}>
              <option value="all">every instance</option>
              <option value="canary">a canary first (the others keep the current version)</option>
            </select>
          )}
        </Field>
        {form.rolloutStage === 'canary' && (
          <div className="grid grid-cols-2 gap-2">
            {text('canaryInstances', 'Instance ids', { mode: 'text' })}
            {text('canaryPercent', 'or a share of instances', { unit: '%' })}
          </div>
        )}
      </fieldset>

      <Field base={base} field="reason" label="Reason (kept in the audit log)" errors={errors}>
        {(props) => (
          <input
            {...props}
            value={form.reason}
            onChange={(e) => set({ reason: e.target.value })}
            maxLength={500}
            autoComplete="off"
            placeholder="why this change"
            className={`${INPUT} mt-0.5 w-full`}
          />
        )}
      </Field>
    </div>
  );
}
