import ELK from 'elkjs/lib/elk.bundled.js';
import { createLayoutCache, layoutGraph, prepareGroups } from '@/lib/topology/layout';
import { groupOfKey } from '@/lib/topology/layout-cache';
import type { ElkGraph, ElkLike } from '@/lib/topology/layout-types';
import { isLayoutRequest, type LayoutReplyBody, type LayoutRequest } from './layout-protocol';

/**
 * The topology map's layout, off the main thread. One ELK instance (elk.bundled.js runs ELK in this
 * thread; we are already off the page's) and one LayoutCache for the life of the page, so a live refresh
 * whose graph kept its shape costs no ELK call and positions stay put; a changed group is re-laid alone.
 *
 * Requests run one at a time. A newer request aborts the one running (layout.ts checks between groups)
 * and any background work; after answering, the worker lays out the collapsed groups in the background
 * so that expanding one is a cache hit.
 */
/** The worker's global scope, typed by hand: the project compiles against the DOM lib, not WebWorker. */
const scope = self as unknown as { postMessage(message: unknown): void; onmessage: ((event: MessageEvent<unknown>) => void) | null };

const elkApi = new ELK();
const elk: ElkLike = { layout: (graph: ElkGraph) => elkApi.layout(graph as Parameters<typeof elkApi.layout>[0]) as Promise<ElkGraph> };
const cache = createLayoutCache();

let running: Promise<void> = Promise.resolve();
let current: AbortController | null = null;

const post = (reply: LayoutReplyBody) => scope.postMessage({ kind: 'switchyard-layout', ...reply });

async function run(req: LayoutRequest, signal: AbortSignal): Promise<void> {
  try {
    const result = await layoutGraph(req.input, elk, cache, {
      signal,
      onGroup: (done, total) => post({ type: 'progress', id: req.id, done, total }),
    });
    if (signal.aborted) return;
    post({ type: 'done', id: req.id, result });
  } catch (err) {
    if (!signal.aborted) post({ type: 'error', id: req.id, message: err instanceof Error ? err.message : String(err) });
    return;
  }
  const collapsed = req.input.collapsed ?? [];
  if (collapsed.length === 0) return;
  try {
    const prepared = await prepareGroups(req.input, elk, cache, collapsed.map(groupOfKey), { signal });
    if (!signal.aborted && prepared.laidOut > 0) post({ type: 'prepared', id: req.id, laidOut: prepared.laidOut, ms: prepared.ms });
  } catch {
    // Aborted by a newer request, or a group ELK could not lay out: it is laid out when expanded.
  }
}

// Assigned (not added): elk.bundled.js installs its own worker dispatcher on self.onmessage when it
// finds itself in a worker; ours replaces it, since this worker speaks our protocol, not ELK's.
scope.onmessage = (event: MessageEvent<unknown>) => {
  const req = event.data;
  if (!isLayoutRequest(req)) return;
  current?.abort();
  const controller = new AbortController();
  current = controller;
  running = running.then(() => (controller.signal.aborted ? undefined : run(req, controller.signal)));
};
