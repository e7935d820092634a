'use client';

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import type { Health } from '@/lib/schemas/services';
import { formatLatency, formatRate, formatRatio } from '@/lib/format/units';
import { toApiError } from '@/lib/query/api-error';
import { readTopologyViewState, topologyParamUpdates, type TopologyViewState } from '@/lib/query/topology-params';
import { groupNodeId } from '@/lib/topology/graph-ops';
import { UNGROUPED_KEY } from '@/lib/topology/layout';
import { useIsDark } from '@/components/theme/useIsDark';
import { useRangeState, useUpdateSearchParams } from '@/components/url/search-params';
import { useUrlText } from '@/components/url/useUrlText';
import { EmptyState } from '@/components/ui/EmptyState';
import { ErrorNotice } from '@/components/ui/ErrorNotice';
import { healthLabel } from '@/components/ui/HealthBadge';
import { Panel } from '@/components/ui/Panel';
import { Skeleton } from '@/components/ui/Skeleton';
import { SourceErrorsBanner } from '@/components/ui/SourceErrorsBanner';
import { ViewHeading } from '@/components/ui/ViewHeading';
import { HEALTH_COLORS } from './graph-style';
import { expandedGroupCount } from './layout-protocol';
import { buildMapModel, COLLAPSE_AT, mapSummary, resolveSelection, searchMatches, type Expansion, type MapModel } from './map-model';
import { MAP_HEIGHT, TopologyGraph } from './TopologyGraph';
import { TopologyEmpty } from './TopologyEmpty';
import { TopologySidePanel } from './TopologySidePanel';
import { TopologyReplay } from './TopologyReplay';
import { TopologyToolbar } from './TopologyToolbar';
import { useLayoutWorker } from './useLayoutWorker';
import { useTopologyQuery } from './useTopologyQuery';

/** Most services or calls named in the hidden lists; past that, the search is the way in. */
const LISTED = 500;

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/**
 * The topology page: the live service graph of the window, laid out in a Web Worker and drawn on a
 * canvas; search, focus, filters, grouping, edge labels and the selection live in the URL.
 */
export function TopologyView() {
  const range = useRangeState();
  const params = useSearchParams();
  const view = useMemo(() => readTopologyViewState((k) => params.get(k)), [params]);
  const update = useUpdateSearchParams();
  const { query, replay } = useTopologyQuery(range, view.groupBy, view.at);
  const dark = useIsDark();
  const [expansion, setExpansion] = useState<Expansion>({ kind: 'auto' });
  const [centerOn, setCenterOn] = useState<{ id: string; nonce: number } | null>(null);

  const onUpdate = useCallback((change: Partial<TopologyViewState>, mode: 'push' | 'replace') => update(topologyParamUpdates(change), mode), [update]);

  const { text: search, onChange: onSearch, show: showSearch } = useUrlText(view.q, (q) => onUpdate({ q }, 'replace'));

  const data = query.data;
  const { focus: focusId, up, down, filter, minRps, only } = view;
  const model = useMemo(
    () => (data ? buildMapModel(data, { ...view, focus: focusId, up, down, filter, minRps, only }, expansion) : null),
    // Only what shapes the map: the selection, the search text and the labels do not.
    [data, focusId, up, down, filter, minRps, only, expansion],
  );
  const layout = useLayoutWorker(model?.layoutInput ?? null);
  // While a cold layout of many groups runs, the map shows the worker's overview (every group
  // collapsed) and is usable; the full layout replaces it in the same chart (zoom and pan kept).
  const overview = layout.overview;
  const overviewModel = useMemo(
    () =>
      overview && data && model && model.collapsed.length < model.groups.length
        ? buildMapModel(data, { ...view, focus: focusId, up, down, filter, minRps, only }, { kind: 'manual', groupBy: data.groupBy, collapsed: new Set(model.groups) })
        : null,
    // As for `model`, plus the overview itself.
    [overview, data, model, focusId, up, down, filter, minRps, only],
  );
  const shown = overview && overviewModel ? { model: overviewModel, layout: overview } : model && layout.result ? { model, layout: layout.result } : null;

  const nodes = data?.nodes;
  const groupValues = useMemo(() => [...new Set((nodes ?? []).flatMap((n) => (n.group === null ? [] : [n.group])))].sort(), [nodes]);
  const matches = useCallback((q: string) => (nodes ? searchMatches(nodes, q) : []), [nodes]);

  // On the overview, a group's node expands that group alone (the others stay collapsed).
  const shownModel = shown?.model ?? model;
  const expandGroup = useCallback(
    (group: string | null) => {
      if (!shownModel || !data) return;
      setExpansion({ kind: 'manual', groupBy: data.groupBy, collapsed: new Set(shownModel.collapsed.filter((g) => g !== group)) });
    },
    [shownModel, data],
  );

  const select = useCallback((id: string | null) => onUpdate({ sel: id }, 'push'), [onUpdate]);
  const onPickMoment = useCallback((at: number | null, mode: 'push' | 'replace') => onUpdate({ at }, mode), [onUpdate]);

  const choose = (id: string) => {
    if (!data || !model) return;
    const change: Partial<TopologyViewState> = { sel: id, q: id };
    // A service hidden by the focus or the filters: take the user to it, not to an empty answer.
    if (!model.services.some((n) => n.id === id)) Object.assign(change, { focus: null, filter: null, minRps: null, only: null });
    const node = data.nodes.find((n) => n.id === id);
    if (node && (shownModel ?? model).collapsed.includes(node.group)) expandGroup(node.group);
    showSearch(id);
    onUpdate(change, 'push');
    setCenterOn((c) => ({ id, nonce: (c?.nonce ?? 0) + 1 }));
  };

  // Escape clears the selection (the search's own Escape, closing its list, comes first).
  const sel = view.sel;
  useEffect(() => {
    if (sel === null) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) select(null);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [sel, select]);

  const onNodeClick = useCallback(
    (id: string) => {
      const node = shownModel?.map.nodes.find((n) => n.id === id);
      if (!node) return;
      if (node.kind === 'group') expandGroup(node.group ?? null);
      else select(id);
    },
    [shownModel, expandGroup, select],
  );
  const onEdgeClick = useCallback((id: string) => (data?.edges.some((e) => e.id === id) ? select(id) : undefined), [data, select]);
  const onBackgroundClick = useCallback(() => (sel !== null ? select(null) : undefined), [sel, select]);

  const groupBy = data?.groupBy ?? null;
  const groupTitle = useCallback((g: string | null) => g ?? (groupBy ? `no ${groupBy}` : 'services'), [groupBy]);

  const selection = data && sel !== null ? resolveSelection(data, sel) : null;
  // On the map, a service inside a collapsed group is shown by its group's node.
  const selectedOnMap = useMemo(() => {
    if (!shownModel || sel === null) return null;
    const n = shownModel.services.find((s) => s.id === sel);
    return n && shownModel.collapsed.includes(n.group) ? groupNodeId(n.group) : sel;
  }, [shownModel, sel]);

  const errors = data?.errors ?? [];
  const refreshError = query.isError && data ? toApiError(query.error) : null;
  const viewKey = `${focusId}|${up}|${down}|${filter}|${minRps}|${only}|${groupBy}`;

  let body;
  if (!data) {
    body = query.isError ? (
      <ErrorNotice title="Could not load the topology" message={toApiError(query.error).message} onRetry={() => void query.refetch()} />
    ) : (
      <div role="status" aria-label="Loading topology" className="p-4">
        <Skeleton className="h-[600px] w-full" />
      </div>
    );
  } else if (data.nodes.length === 0) {
    body = <TopologyEmpty degraded={errors.length > 0} />;
  } else if (model && model.services.length === 0) {
    body = (
      <EmptyState title={model.focusMissing ? `${focusId} is not in this window` : 'Nothing matches these filters'}>
        <button
          type="button"
          onClick={() => onUpdate({ focus: null, filter: null, minRps: null, only: null }, 'push')}
          className="text-sky-700 underline dark:text-sky-400"
        >
          {model.focusMissing ? 'Clear focus and filters' : 'Clear filters'}
        </button>
      </EmptyState>
    );
  } else if (model) {
    const summary = mapSummary(shown?.model ?? model);
    body = (
      <>
        <Notices model={model} total={data.nodes.length} onExpandAll={() => setExpansion({ kind: 'manual', groupBy: data.groupBy, collapsed: new Set() })} />
        <div className="flex flex-col border-t border-slate-200 lg:flex-row dark:border-slate-800">
          <div className={`relative min-w-0 flex-1 ${query.isPlaceholderData ? 'opacity-60' : ''}`} aria-busy={query.isPlaceholderData || layout.pending}>
            {layout.error ? (
              <ErrorNotice title="Could not lay out the map" message={layout.error} onRetry={layout.retry} />
            ) : shown ? (
              <TopologyGraph
                graph={shown.model.map}
                layout={shown.layout}
                labels={view.labels}
                selected={selectedOnMap}
                dark={dark}
                showGroups={groupBy !== null}
                groupTitle={groupTitle}
                ariaLabel={summary}
                viewKey={viewKey}
                centerOn={centerOn}
                onNodeClick={onNodeClick}
                onEdgeClick={onEdgeClick}
                onBackgroundClick={onBackgroundClick}
              />
            ) : (
              <div role="img" aria-label={summary} style={{ height: MAP_HEIGHT }} className="p-4">
                <Skeleton className="h-full w-full" />
              </div>
            )}
            <p role="status" aria-live="polite" className="pointer-events-none absolute top-2 left-3 text-xs text-slate-600 dark:text-slate-300">
              {layout.pending && !layout.error && (
                <span className="rounded bg-white/90 px-2 py-1 shadow-sm dark:bg-slate-900/90">
                  {overview ? 'Overview (groups collapsed) while ' : ''}
                  {layout.progress
                    ? `${overview ? 'laying' : 'Laying'} out groups: ${layout.progress.done} of ${layout.progress.total}…`
                    : `${overview ? 'laying' : 'Laying'} out ${plural(expandedGroupCount(model.layoutInput, UNGROUPED_KEY), 'group', 'groups')}…`}
                </span>
              )}
            </p>
            <Legend
              timing={layout.result?.timings ?? null}
              canCollapse={groupBy !== null && model.groups.length > 1 && model.collapsed.length < model.groups.length}
              onCollapseAll={() => setExpansion({ kind: 'manual', groupBy: data.groupBy, collapsed: new Set(model.groups) })}
            />
          </div>
          {selection && (
            <TopologySidePanel
              selection={selection}
              range={range}
              focused={focusId !== null && selection.kind === 'node' && selection.node.id === focusId}
              onSelect={(id) => select(id)}
              onFocus={(id) => onUpdate({ focus: id }, 'push')}
              onClose={() => select(null)}
            />
          )}
        </div>
        <OnTheMap model={model} />
      </>
    );
  }

  return (
    <div className="space-y-4">
      <ViewHeading title="Topology" window={data?.window} refreshError={refreshError} />
      <SourceErrorsBanner errors={errors} />
      <Panel
        title="Service map"
        actions={
          model && (
            <p className="text-sm text-slate-500 dark:text-slate-400" aria-live="polite">
              {plural(model.services.length, 'service', 'services')} · {plural(model.calls.length, 'call', 'calls')}
              {model.services.length !== data?.nodes.length && data ? ` (of ${data.nodes.length.toLocaleString('en-US')})` : ''}
            </p>
          )
        }
      >
        <TopologyToolbar
          view={view}
          search={search}
          onSearch={onSearch}
          searchMatches={matches}
          onChoose={choose}
          onUpdate={onUpdate}
          selectedNode={selection?.kind === 'node' ? selection.node.id : null}
          groups={groupValues}
        />
        <TopologyReplay grid={replay.grid} at={replay.at} range={range} groupBy={view.groupBy} settled={!query.isFetching} onPick={onPickMoment} />
        {body}
      </Panel>
    </div>
  );
}

interface NoticesProps {
  model: MapModel;
  total: number;
  onExpandAll: () => void;
}

/** Says what the map is not showing in full, and how to get it. */
function Notices({ model, total, onExpandAll }: NoticesProps) {
  const notice = 'mx-4 mb-3 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-md border px-3 py-2 text-sm';
  const info = `${notice} border-sky-300 bg-sky-50 text-sky-900 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-200`;
  const button = 'rounded border border-current px-2 py-0.5 text-xs font-medium';
  return (
    <>
      {model.collapsed.length > 0 && (
        <div role="status" className={info}>
          <p>
            {model.autoCollapsed
              ? `${plural(model.services.length, 'service', 'services')} in view (more than ${COLLAPSE_AT.toLocaleString('en-US')}): the map starts with its ${plural(model.groups.length, 'group', 'groups')} collapsed, one node per group. Click a group to expand it.`
              : `${model.collapsed.length} of ${plural(model.groups.length, 'group', 'groups')} collapsed. Click a group to expand it.`}
          </p>
          <button type="button" onClick={onExpandAll} className={button}>
            Expand all
          </button>
        </div>
      )}
      {model.collapsed.length === 0 && model.groups.length <= 1 && model.services.length > COLLAPSE_AT && (
        <div role="status" className={info}>
          <p>
            {plural(model.services.length, 'service', 'services')} in one piece of {total.toLocaleString('en-US')}: laying them out takes a while. Group by team or
            zone for an overview of collapsed groups, or focus on a service.
          </p>
        </div>
      )}
    </>
  );
}

const LEGEND: Health[] = ['healthy', 'warning', 'critical', 'idle', 'unknown'];

function Legend({ timing, canCollapse, onCollapseAll }: { timing: { totalMs: number; groupsLaidOut: number; groupsFromCache: number } | null; canCollapse: boolean; onCollapseAll: () => void }) {
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-t border-slate-200 px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
      {LEGEND.map((h) => (
        <span key={h} className="inline-flex items-center gap-1">
          <span
            aria-hidden="true"
            className="inline-block h-2.5 w-2.5 rounded-full border"
            style={{ background: HEALTH_COLORS[h].fill, borderColor: HEALTH_COLORS[h].border }}
          />
          {healthLabel(h)}
        </span>
      ))}
      <span className="inline-flex items-center gap-1">
        <span aria-hidden="true" className="inline-block w-5 border-t-2 border-dashed border-slate-400" />
        no traffic in window
      </span>
      <span className="inline-flex items-center gap-1">
        <span aria-hidden="true" className="rounded border border-slate-400 px-1 text-[9px] leading-tight">
          1
        </span>
        single instance
      </span>
      <span>size: req/s · edge colour: errors · ◆ external</span>
      {canCollapse && (
        <button type="button" onClick={onCollapseAll} className="rounded border border-slate-300 px-2 py-0.5 font-medium dark:border-slate-600">
          Collapse all groups
        </button>
      )}
      {timing && (
        <span className="ml-auto tabular-nums" title="Layout in a Web Worker; groups with an unchanged shape come from its cache">
          layout {Math.round(timing.totalMs)} ms · {timing.groupsLaidOut} laid out, {timing.groupsFromCache} cached
        </span>
      )}
    </div>
  );
}

/**
 * The map in words, for screen readers (the canvas is opaque to them) and for tests: every service and
 * call in view with its health. Visually hidden; capped, since the search reaches the rest.
 */
function OnTheMap({ model }: { model: MapModel }) {
  const services = model.services.slice(0, LISTED);
  const calls = model.calls.slice(0, LISTED);
  return (
    <div className="sr-only">
      <ul aria-label="Services on the map">
        {services.map((n) => (
          <li
            key={n.id}
            data-node={n.id}
            data-health={n.health}
            data-group={n.group ?? undefined}
            data-context={model.context.has(n.id) || undefined}
            data-slo-state={n.slo?.state}
            data-breaker-state={n.breaker ? (n.breaker.state ?? 'pending') : undefined}
            data-rate-limited={n.rateLimit ? true : undefined}
          >
            {n.id}: {healthLabel(n.health)}, {formatRate(n.rps)}, {formatRatio(n.errorRatio)} errors, p95 {formatLatency(n.p95)}
            {n.group !== null ? `, group ${n.group}` : ''}
            {n.slo ? `, SLO ${n.slo.state}` : ''}
            {n.breaker ? `, inbound breaker ${n.breaker.state ?? 'pending'}` : ''}
            {n.rateLimit ? `, rate limited at ${formatRate(n.rateLimit.ratePerSecond)}` : ''}
            {model.context.has(n.id) ? ' (shown as the other end of a matching call)' : ''}
          </li>
        ))}
        {model.services.length > LISTED && <li>and {model.services.length - LISTED} more; use the search to find one.</li>}
      </ul>
      <ul aria-label="Calls on the map">
        {calls.map((e) => (
          <li key={e.id} data-edge={e.id} data-health={e.health} data-breaker-state={e.breaker ? (e.breaker.state ?? 'pending') : undefined} data-rate-limited={e.rateLimit ? true : undefined}>
            {e.source} calls {e.target}: {healthLabel(e.health)}, {formatRate(e.rps)}, {formatRatio(e.errorRatio)} errors
            {e.traffic ? '' : ', no traffic in this window'}
            {e.breaker ? `, circuit breaker ${e.breaker.state ?? 'pending'}${e.breaker.mode && e.breaker.mode !== 'auto' ? ` (${e.breaker.mode})` : ''}` : ''}
            {e.rateLimit ? `, rate limited at ${formatRate(e.rateLimit.ratePerSecond)}` : ''}
          </li>
        ))}
        {model.calls.length > LISTED && <li>and {model.calls.length - LISTED} more.</li>}
      </ul>
    </div>
  );
}
