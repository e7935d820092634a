'use client';

import Link from 'next/link';
import { useId } from 'react';
import type { RedStats } from '@/lib/schemas/services';
import type { TopologyEdge, TopologyNode } from '@/lib/schemas/topology';
import { formatCount, formatLatency, formatRate, formatRatio } from '@/lib/format/units';
import { withRange, type RangeState } from '@/lib/query/range-params';
import { HealthBadge } from '@/components/ui/HealthBadge';
import { PolicyActions } from '@/components/policies/PolicyActions';
import { BreakerLine, RateLimitLine, SloLine } from './PolicyAndSloBadges';
import { CallMiniCharts, ServiceMiniCharts } from './RedMiniCharts';

export type Selection =
  | { kind: 'node'; node: TopologyNode; callers: TopologyEdge[]; callees: TopologyEdge[] }
  | { kind: 'edge'; edge: TopologyEdge; source: TopologyNode | undefined; target: TopologyNode | undefined }
  | { kind: 'missing'; id: string };

export interface TopologySidePanelProps {
  selection: Selection;
  range: RangeState;
  /** The selected node is the focus already. */
  focused: boolean;
  onSelect: (id: string) => void;
  onFocus: (id: string) => void;
  onClose: () => void;
}

function Stats({ stats, instances, label }: { stats: RedStats; instances?: number; label: string }) {
  const rows: Array<[string, string]> = [
    ['Requests', formatRate(stats.rps)],
    ['Errors', formatRatio(stats.errorRatio)],
    ['p50', formatLatency(stats.p50)],
    ['p95', formatLatency(stats.p95)],
    ['p99', formatLatency(stats.p99)],
  ];
  if (instances !== undefined) rows.push(['Instances', formatCount(instances)]);
  return (
    <dl aria-label={label} className="grid grid-cols-2 gap-x-3 gap-y-1.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{k}</dt>
          <dd className="text-right font-medium tabular-nums">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function PeerList({ title, edges, peer, onSelect }: { title: string; edges: TopologyEdge[]; peer: (e: TopologyEdge) => string; onSelect: (id: string) => void }) {
  const id = useId();
  return (
    <div>
      <h3 id={id} className="text-xs font-semibold text-slate-500 uppercase dark:text-slate-400">
        {title} ({edges.length})
      </h3>
      {edges.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">None in this window.</p>
      ) : (
        <ul aria-labelledby={id} className="mt-1 divide-y divide-slate-100 dark:divide-slate-800">
          {edges.map((e) => (
            <li key={e.id} data-edge={e.id} data-health={e.health} className="flex items-center gap-2 py-1 text-sm">
              <button type="button" onClick={() => onSelect(peer(e))} className="truncate text-left font-medium text-sky-700 hover:underline dark:text-sky-400">
                {peer(e)}
              </button>
              <span className="ml-auto shrink-0 text-xs whitespace-nowrap text-slate-500 tabular-nums dark:text-slate-400">
                {formatRate(e.rps)} · {formatRatio(e.errorRatio)}
              </span>
              <button type="button" onClick={() => onSelect(e.id)} className="shrink-0" title="Select this call">
                <HealthBadge health={e.health} />
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A service charts its own server metrics. An external node has none: it is what the profile's edge
 * metrics name as a callee (an un-instrumented database, a third-party API) or caller. Its numbers on
 * the map are its incoming calls added up (see servedStats in server/topology/graph-parts.ts), so its
 * charts are those calls summed over every caller, labelled as such: the chart explains the colour. A
 * pure caller (nobody calls it, e.g. the service graph's "user") has nothing that measures it at all.
 */
function NodeMiniCharts({ node, callers, range }: { node: TopologyNode; callers: number; range: RangeState }) {
  if (node.kind === 'service') return <ServiceMiniCharts service={node.id} range={range} />;
  if (callers === 0) {
    return <p className="text-sm text-slate-500 dark:text-slate-400">No server-side metrics, and nothing calls it: its own calls are on the edges it starts.</p>;
  }
  return <CallMiniCharts source={null} target={node.id} range={range} note="No server-side metrics: its callers’ measurements, all callers together." />;
}

/** Links to the service pages of an edge's ends that are services (an external end has no page). */
function ServicePageLinks({ ends, range }: { ends: Array<TopologyNode | undefined>; range: RangeState }) {
  const pages = ends.filter((n, i): n is TopologyNode => n?.kind === 'service' && ends.findIndex((m) => m?.id === n.id) === i);
  if (pages.length === 0) return null;
  return (
    <p className="flex flex-wrap gap-x-3 text-sm">
      {pages.map((n) => (
        <Link key={n.id} href={withRange(`/services/${encodeURIComponent(n.id)}`, range)} className="text-sky-700 hover:underline dark:text-sky-400">
          Open {n.id} page
        </Link>
      ))}
    </p>
  );
}

const byRate = (a: TopologyEdge, b: TopologyEdge) => (b.rps ?? -1) - (a.rps ?? -1) || a.id.localeCompare(b.id);

/**
 * The selection's numbers, next to the map: a complementary region named after what is selected, so
 * "the payments panel" is one query for a screen reader or a test.
 */
export function TopologySidePanel({ selection, range, focused, onSelect, onFocus, onClose }: TopologySidePanelProps) {
  const headingId = useId();
  const close = (
    <button
      type="button"
      onClick={onClose}
      aria-label="Close details"
      title="Close (Escape)"
      className="ml-auto rounded px-1.5 text-lg leading-none text-slate-500 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800"
    >
      ×
    </button>
  );
  const shell = 'w-full shrink-0 space-y-4 border-t border-slate-200 p-4 lg:w-80 lg:border-t-0 lg:border-l dark:border-slate-800';

  if (selection.kind === 'missing') {
    return (
      <aside role="complementary" aria-labelledby={headingId} className={shell}>
        <div className="flex items-start gap-2">
          <h2 id={headingId} className="font-semibold break-all">
            {selection.id}
          </h2>
          {close}
        </div>
        <p className="text-sm text-slate-600 dark:text-slate-400">Not on the map in this window.</p>
      </aside>
    );
  }

  if (selection.kind === 'edge') {
    const { edge } = selection;
    return (
      <aside role="complementary" aria-labelledby={headingId} className={shell} data-edge={edge.id} data-health={edge.health}>
        <div className="flex items-start gap-2">
          <h2 id={headingId} className="font-semibold break-all">
            {edge.source} → {edge.target}
          </h2>
          {close}
        </div>
        <div className="flex items-center gap-2">
          <HealthBadge health={edge.health} />
          {!edge.traffic && <span className="text-xs text-slate-500 dark:text-slate-400">no traffic in this window</span>}
        </div>
        {edge.breaker && <BreakerLine breaker={edge.breaker} />}
        {edge.rateLimit && <RateLimitLine limit={edge.rateLimit} />}
        {selection.source?.kind === 'service' && <PolicyActions key={edge.id} target={{ kind: 'edge', source: edge.source, target: edge.target }} />}
        <Stats stats={edge} label="Call numbers" />
        <CallMiniCharts source={edge.source} target={edge.target} range={range} />
        <p className="flex flex-wrap gap-x-3 text-sm">
          <button type="button" onClick={() => onSelect(edge.source)} className="text-sky-700 hover:underline dark:text-sky-400">
            Caller: {edge.source}
          </button>
          <button type="button" onClick={() => onSelect(edge.target)} className="text-sky-700 hover:underline dark:text-sky-400">
            Callee: {edge.target}
          </button>
        </p>
        <ServicePageLinks ends={[selection.source, selection.target]} range={range} />
      </aside>
    );
  }

  const { node } = selection;
  return (
    <aside role="complementary" aria-labelledby={headingId} className={shell} data-node={node.id} data-health={node.health}>
      <div className="flex items-start gap-2">
        <h2 id={headingId} className="font-semibold break-all">
          {node.id}
        </h2>
        {close}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <HealthBadge health={node.health} />
        {node.kind === 'external' && <span className="text-xs text-slate-500 dark:text-slate-400">not in the registry</span>}
        {node.group !== null && <span className="text-xs text-slate-500 dark:text-slate-400">group {node.group}</span>}
      </div>
      {node.slo && <SloLine slo={node.slo} range={range} />}
      {node.rateLimit && <RateLimitLine limit={node.rateLimit} />}
      {node.breaker && <BreakerLine breaker={node.breaker} />}
      {node.kind === 'service' && <PolicyActions key={node.id} target={{ kind: 'service', service: node.id }} />}
      <Stats stats={node} instances={node.kind === 'service' ? node.instances : undefined} label="Service numbers" />
      <NodeMiniCharts node={node} callers={selection.callers.length} range={range} />
      <div className="flex flex-wrap gap-2 text-sm">
        {node.kind === 'service' && (
          <Link href={withRange(`/services/${encodeURIComponent(node.id)}`, range)} className="text-sky-700 hover:underline dark:text-sky-400">
            Open service page
          </Link>
        )}
        {!focused && (
          <button type="button" onClick={() => onFocus(node.id)} className="text-sky-700 hover:underline dark:text-sky-400">
            Focus on {node.id}
          </button>
        )}
      </div>
      <PeerList title="Callers" edges={[...selection.callers].sort(byRate)} peer={(e) => e.source} onSelect={onSelect} />
      <PeerList title="Callees" edges={[...selection.callees].sort(byRate)} peer={(e) => e.target} onSelect={onSelect} />
    </aside>
  );
}
