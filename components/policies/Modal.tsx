'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** The editor needs room for the form and the preview chart side by side. */
  wide?: boolean;
}

/**
 * A modal dialog on the native <dialog>: showModal() makes the page behind it inert, traps the focus
 * and closes on Escape (which we route through onClose, so the owner's state, often the URL, decides).
 * Mounted = open; the owner unmounts it to close.
 */
export function Modal({ title, onClose, children, wide = false }: ModalProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const body = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) {
      d.showModal();
      // showModal focuses the first focusable element, the close button; start on the content instead.
      body.current?.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])')?.focus();
    }
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`m-auto max-h-[92vh] w-[calc(100%-2rem)] overflow-y-auto rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 ${wide ? 'max-w-5xl' : 'max-w-lg'}`}
    >
      <div className="flex items-start gap-2 border-b border-slate-200 px-4 py-3 dark:border-slate-800">
        <h2 id={titleId} className="font-semibold break-words">
          {title}
        </h2>
        <button
          type="button"
          onClick={onClose}
          aria-label="Close"
          title="Close (Escape)"
          className="ml-auto rounded px-1.5 text-lg leading-none text-slate-500 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"
        >
          ×
        </button>
      </div>
      <div ref={body} className="p-4">
        {children}
      </div>
    </dialog>
  );
}

export const BUTTON =
  'rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800';
export const PRIMARY =
  'rounded-md border border-sky-700 bg-sky-700 px-2.5 py-1 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-50 dark:border-sky-600 dark:bg-sky-600 dark:hover:bg-sky-500';
export const DANGER =
  'rounded-md border border-red-700 bg-red-700 px-2.5 py-1 text-sm font-medium text-white hover:bg-red-800 focus-visible:outline-2 focus-visible:outline-red-500 disabled:cursor-not-allowed disabled:opacity-50 dark:border-red-600 dark:bg-red-600 dark:hover:bg-red-500';
export const INPUT =
  'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm aria-[invalid=true]:border-red-600 disabled:opacity-60 dark:border-slate-600 dark:bg-slate-950 dark:aria-[invalid=true]:border-red-500';
