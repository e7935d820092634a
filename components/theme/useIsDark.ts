'use client';

import { useSyncExternalStore } from 'react';

/**
 * Whether <html> has the `dark` class, kept in sync by observing the attribute. Charts need the value
 * in JS (ECharts themes are applied at init), and the toggle needs it for aria-pressed. The server
 * snapshot is "light"; React re-renders after hydration if the inline theme script chose dark, without
 * a hydration mismatch.
 */
function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}

const getSnapshot = () => document.documentElement.classList.contains('dark');
const getServerSnapshot = () => false;

export function useIsDark(): boolean {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
