'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import type { LayoutInput, LayoutResult } from '@/lib/topology/layout-types';
import { collapsedKey, graphShapeKey, isLayoutReply, type LayoutRequest } from './layout-protocol';

export interface LayoutState {
  /** The latest finished layout; kept on screen while a newer one is computed. */
  result: LayoutResult | null;
  /** Shape key of `result`'s input. */
  resultKey: string | null;
  /** A layout for the current input is running in the worker. */
  pending: boolean;
  /**
   * The collapsed-groups overview of the current input, while its full layout runs (a cold layout of
   * many groups: the worker sends it first). Null once the full layout is in.
   */
  overview: LayoutResult | null;
  /** Groups laid out so far / to lay out, once the worker has reported. */
  progress: { done: number; total: number } | null;
  error: string | null;
}

const IDLE: LayoutState = { result: null, resultKey: null, overview: null, pending: false, progress: null, error: null };

/**
 * Lays out `input` in the layout Web Worker, created once per mounted map: on mount, so the worker
 * loads ELK while the topology request is still in flight. An input with the shape of
 * the one last sent is not sent again: a live refresh that only changed rates costs nothing, and the
 * positions on screen stay exactly where they were.
 */
export function useLayoutWorker(input: LayoutInput | null): LayoutState & { retry: () => void } {
  const worker = useRef<Worker | null>(null);
  const requested = useRef<{ id: number; key: string } | null>(null);
  /** The graph part of the last input posted in full to this worker: a collapse-only change sends the delta. */
  const sentGraph = useRef<string | null>(null);
  const nextId = useRef(1);
  const [state, setState] = useState<LayoutState>(IDLE);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const w = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module', name: 'topology-layout' });
    worker.current = w;
    sentGraph.current = null;
    w.onmessage = (event: MessageEvent<unknown>) => {
      const reply = event.data;
      if (!isLayoutReply(reply)) return;
      const req = requested.current;
      if (!req || reply.id !== req.id) return; // an answer to a request since replaced
      if (reply.type === 'progress') setState((s) => ({ ...s, progress: { done: reply.done, total: reply.total } }));
      else if (reply.type === 'overview') setState((s) => ({ ...s, overview: reply.result }));
      else if (reply.type === 'done') setState({ result: reply.result, resultKey: req.key, overview: null, pending: false, progress: null, error: null });
      else if (reply.type === 'error') setState((s) => ({ ...s, overview: null, pending: false, progress: null, error: reply.message }));
    };
    w.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      setState((s) => ({ ...s, overview: null, pending: false, progress: null, error: event.message || 'the layout worker failed to start' }));
    };
    return () => {
      w.terminate();
      worker.current = null;
      requested.current = null;
    };
  }, [generation]);

  // Keys only change when the model does (input is memoized upstream); computed once per input.
  const graphKey = useMemo(() => (input ? graphShapeKey(input) : null), [input]);
  const key = input && graphKey !== null ? `${graphKey}\u0003${collapsedKey(input)}` : null;
  useEffect(() => {
    const w = worker.current;
    if (!w || !input || key === null) return;
    if (requested.current?.key === key) return;
    const id = nextId.current++;
    requested.current = { id, key };
    const request: LayoutRequest =
      sentGraph.current === graphKey ? { kind: 'switchyard-layout', id, collapsed: [...(input.collapsed ?? [])] } : { kind: 'switchyard-layout', id, input };
    sentGraph.current = graphKey;
    w.postMessage(request);
    setState((s) => (s.resultKey === key ? s : { ...s, overview: null, pending: true, progress: null, error: null }));
    // Keyed on the shape, not on `input`: that changes identity on every refresh.
  }, [key, generation]);

  return { ...state, retry: () => setGeneration((g) => g + 1) };
}
