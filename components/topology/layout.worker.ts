import { createLayoutCache, layoutGraph, layoutOverview, pendingGroups, prepareGroups } from '@/lib/topology/layout';
import { groupOfKey } from '@/lib/topology/layout-cache';
import type { ElkGraph, ElkLike } from '@/lib/topology/layout-types';
import type { LayoutInput } from '@/lib/topology/layout-types';
import { isLayoutRequest, overviewFirst, requestInput, type LayoutReplyBody } from './layout-protocol';

/**
 * The topology map's layout, off the main thread. One ELK instance (elk.bundled.js runs ELK in this
 * thread; we are already off the page's) and one LayoutCache for the life of the page, so a live refresh
 * whose graph kept its shape costs no ELK call and positions stay put; a changed group is re-laid alone.
 *
 * ELK (a 1.5 MB bundle) is imported dynamically, and not before the first request has been answered as
 * far as it can be without ELK: evaluating the bundle blocks this thread for 0.2–0.4 s, and the page's
 * graph request is preloaded, so the first request usually arrives right after the worker starts. A
 * cold request that would lay out many groups (layout-protocol's overviewFirst) is first answered with
 * the collapsed-groups overview, which needs no ELK, then ELK loads, then the full layout follows. If
 * no request comes soon, ELK loads anyway (ELK_WARM_MS) so the first real layout does not wait for it.
 *
 * Requests run one at a time. A newer request aborts the one running (layout.ts checks between groups)
 * and any background work; after answering, the worker lays out the collapsed groups in the background
 * so that expanding one is a cache hit.
 */
/** The worker's global scope, typed by hand: the project compiles against the DOM lib, not WebWorker. */
const scope = self as unknown as { postMessage(message: unknown): void; onmessage: ((event: MessageEvent<unknown>) => void) | null };

const cache = createLayoutCache();

let running: Promise<void> = Promise.resolve();
let current: AbortController | null = null;

const post = (reply: LayoutReplyBody) => scope.postMessage({ kind: 'switchyard-layout', ...reply });

/** For layouts that lay out no group: an ELK call there is a bug, not a slow path. */
const noElk: ElkLike = { layout: () => Promise.reject(new Error('a layout without pending groups needs no ELK call')) };

/** The last full input received: a collapse-only request (layout-protocol) applies to it. */
let lastInput: LayoutInput | null = null;

async function run(req: { id: number; input: LayoutInput }, signal: AbortSignal): Promise<void> {
  try {
    const pending = pendingGroups(req.input, cache);
    if (overviewFirst(pending)) {
      // A cache of its own: the full layout then places the groups exactly as without the overview.
      const overview = await layoutOverview(req.input, noElk, createLayoutCache(), { signal });
      if (signal.aborted) return;
      post({ type: 'overview', id: req.id, result: overview });
    }
    // Nothing to lay out (a cache hit, or every group collapsed): no need to wait for ELK to load.
    const elk = pending.groups > 0 ? await loadElk() : noElk;
    if (signal.aborted) return;
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
    const elk = await loadElk();
    const prepared = await prepareGroups(req.input, elk, cache, collapsed.map(groupOfKey), { signal });
    if (!signal.aborted && prepared.laidOut > 0) post({ type: 'prepared', id: req.id, laidOut: prepared.laidOut, ms: prepared.ms });
  } catch {
    // Aborted by a newer request, or a group ELK could not lay out: it is laid out when expanded.
  }
}

function onMessage(event: MessageEvent<unknown>) {
  const req = event.data;
  if (!isLayoutRequest(req)) return;
  const input = requestInput(req, lastInput);
  if (!input) return post({ type: 'error', id: req.id, message: 'a collapse-only layout request came before any graph' });
  lastInput = input;
  current?.abort();
  const controller = new AbortController();
  current = controller;
  running = running.then(() => (controller.signal.aborted ? undefined : run({ id: req.id, input }, controller.signal)));
}
scope.onmessage = onMessage;

let elkReady: Promise<ElkLike> | null = null;

/** ELK, imported once, on first need. */
function loadElk(): Promise<ElkLike> {
  elkReady ??= import('elkjs/lib/elk.bundled.js').then(({ default: ELK }) => {
    // elk.bundled.js installs its own worker dispatcher on self.onmessage when it finds itself in a
    // worker; ours is put back, since this worker speaks our protocol, not ELK's.
    const api = new ELK();
    scope.onmessage = onMessage;
    return { layout: (graph: ElkGraph) => api.layout(graph as Parameters<typeof api.layout>[0]) as Promise<ElkGraph> };
  });
  // A failed load is reported per request (run awaits it); this only keeps it from being "unhandled".
  elkReady.catch(() => undefined);
  return elkReady;
}

/** Without a request by then (a slow API), ELK loads anyway. */
const ELK_WARM_MS = 1500;
setTimeout(() => void loadElk(), ELK_WARM_MS);
