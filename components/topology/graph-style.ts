import type { Health } from '@/lib/schemas/services';
import type { EdgeLabelMode } from '@/lib/query/topology-params';
import { formatLatency, formatRate, formatRatio } from '@/lib/format/units';
import { breakerShown, sloBurning } from '@/lib/topology/badges';
import type { MapEdge, MapNode } from './map-types';

/** How a node or a call looks on the map (colour, size, dash, label, tooltip): pure, so the rules are unit-tested. */

/** HealthBadge's palette: the dot colour fills the node, a darker shade outlines it. */
export const HEALTH_COLORS: Readonly<Record<Health, { fill: string; border: string }>> = {
  healthy: { fill: '#10b981', border: '#047857' }, // emerald-500 / 700
  warning: { fill: '#f59e0b', border: '#b45309' }, // amber-500 / 700
  critical: { fill: '#dc2626', border: '#991b1b' }, // red-600 / 800
  idle: { fill: '#94a3b8', border: '#64748b' }, // slate-400 / 500
  unknown: { fill: 'transparent', border: '#94a3b8' }, // hollow, like the badge
};

/** Edges: grey when fine (colour is for trouble), amber and red by the edge's own health. */
export function edgeColor(health: Health, dark: boolean): string {
  if (health === 'critical') return '#dc2626';
  if (health === 'warning') return '#f59e0b';
  return dark ? '#64748b' : '#94a3b8';
}

export const SELECT_COLOR = { light: '#0284c7', dark: '#38bdf8' }; // sky-600 / sky-400

/** Traffic at which a node or edge reaches its largest size; sizes follow log10(1 + rps) up to it. */
export const RPS_AT_MAX = 1000;
export const NODE_DIAMETER = { min: 16, max: 36 } as const;
export const EDGE_WIDTH = { min: 1, max: 5 } as const;

function logShare(rps: number | null): number {
  if (rps === null || !Number.isFinite(rps) || rps <= 0) return 0;
  return Math.min(1, Math.log10(1 + rps) / Math.log10(1 + RPS_AT_MAX));
}

/** Node diameter in layout units: log scale of req/s, bounded, so one hot service can't swallow the map. */
export function nodeDiameter(rps: number | null): number {
  return NODE_DIAMETER.min + logShare(rps) * (NODE_DIAMETER.max - NODE_DIAMETER.min);
}

/** Edge width in pixels, same log scale. */
export function edgeWidth(rps: number | null): number {
  return EDGE_WIDTH.min + logShare(rps) * (EDGE_WIDTH.max - EDGE_WIDTH.min);
}

/** Dashed: the link is known (registry, traces) but carried no traffic in the window. */
export const edgeLineType = (traffic: boolean): 'solid' | 'dashed' => (traffic ? 'solid' : 'dashed');

export function edgeLabelText(edge: Pick<MapEdge, 'rps' | 'errorRatio' | 'p95'>, mode: EdgeLabelMode): string {
  switch (mode) {
    case 'rps':
      return formatRate(edge.rps);
    case 'errors':
      return formatRatio(edge.errorRatio);
    case 'p95':
      return formatLatency(edge.p95);
    default:
      return '';
  }
}

export const EDGE_LABEL_CHOICES: ReadonlyArray<{ value: EdgeLabelMode; label: string }> = [
  { value: 'none', label: 'None' },
  { value: 'rps', label: 'Req/s' },
  { value: 'errors', label: 'Error %' },
  { value: 'p95', label: 'p95' },
];

/** Rich-text labels treat braces and bars as markup; names never need them on the map. */
export const plain = (s: string) => s.replace(/[{}|]/g, '');

/** Badges after a node's name: a burning SLO (red: page, amber: ticket), a rate limit. */
function nodeBadges(node: Pick<MapNode, 'slo' | 'rateLimit' | 'breaker'>): string {
  let out = '';
  if (breakerShown(node.breaker)) out += node.breaker.state === 'open' ? ' {sloPage|CB}' : ' {sloTicket|CB}';
  if (sloBurning(node.slo)) out += node.slo.state === 'page' ? ' {sloPage|SLO}' : ' {sloTicket|SLO}';
  if (node.rateLimit) out += ' {limit|RL}';
  return out;
}

/** The node's caption: its name, a boxed "1" for a single instance, a member count for a group, then its badges. */
export function nodeCaption(node: Pick<MapNode, 'label' | 'kind' | 'instances' | 'members' | 'slo' | 'rateLimit' | 'breaker'>): string {
  const name = plain(node.label);
  const badges = nodeBadges(node);
  const members = `${node.members} ${node.members === 1 ? 'service' : 'services'}`;
  // Plain text unless a badge needs markup: the 5,000-service overview paints 143 group captions in a
  // cold page, and ECharts' rich-text path cost ~3× the plain one there (measured in Chromium).
  if (node.kind === 'group') return badges ? `{name|${name}}${badges}\n{meta|${members}}` : `${name}\n${members}`;
  if (node.kind === 'service' && node.instances === 1) return `{name|${name}} {one|1}${badges}`;
  return `{name|${name}}${badges}`;
}

/** Shown even when labels are hidden at this zoom: rare, and what an operator must not miss. */
export const nodeAlwaysLabelled = (node: Pick<MapNode, 'slo' | 'breaker'>) => sloBurning(node.slo) || breakerShown(node.breaker);
export const edgeAlwaysLabelled = (edge: Pick<MapEdge, 'breaker'>) => breakerShown(edge.breaker);

const BREAKER_WORD = { open: 'breaker open', 'half-open': 'breaker half-open', closed: 'breaker closed' } as const;

/** An edge's label: the breaker first when it has one worth showing, then the chosen number. */
export function edgeCaption(edge: Pick<MapEdge, 'rps' | 'errorRatio' | 'p95' | 'breaker'>, mode: EdgeLabelMode): string {
  const text = edgeLabelText(edge, mode);
  if (!breakerShown(edge.breaker)) return text;
  const forced = edge.breaker.mode === 'force-open' || edge.breaker.mode === 'force-closed' ? ' (forced)' : '';
  // A policy no caller reports applying yet: say what it asks for, and that it is not live.
  const word = edge.breaker.state === null ? `breaker ${edge.breaker.mode ?? ''} (pending)` : `${BREAKER_WORD[edge.breaker.state]}${forced}`;
  return `${word}${text ? ` · ${text}` : ''}`;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const HEALTH_WORD: Record<Health, string> = { healthy: 'Healthy', warning: 'Warning', critical: 'Critical', idle: 'Idle', unknown: 'Unknown' };

export function nodeTooltip(node: MapNode): string {
  const lines = [`<b>${escapeHtml(node.label)}</b> · ${HEALTH_WORD[node.health]}`];
  if (node.kind === 'group') lines.push(`${node.members} services (collapsed; click to expand)`);
  else if (node.kind === 'external') lines.push('not in the registry (seen in calls only)');
  lines.push(`${formatRate(node.rps)} · ${formatRatio(node.errorRatio)} errors · p95 ${formatLatency(node.p95)}`);
  if (node.kind === 'service') lines.push(`${node.instances} ${node.instances === 1 ? 'instance' : 'instances'}`);
  if (node.slo) lines.push(sloLine(node.slo));
  if (node.rateLimit) lines.push(rateLimitLine(node.rateLimit));
  if (node.breaker) lines.push(`Inbound circuit breaker ${node.breaker.state ?? 'not reported yet'}${node.breaker.mode && node.breaker.mode !== 'auto' ? ` (${node.breaker.mode})` : ''}`);
  return lines.join('<br/>');
}

const SLO_WORD = { page: 'burning fast (page)', ticket: 'burning (ticket)', ok: 'within budget', 'no-data': 'no data' } as const;

function sloLine(s: NonNullable<MapNode['slo']>): string {
  const budget = s.budgetRemaining === null ? '' : ` · ${formatRatio(s.budgetRemaining)} of the budget left`;
  return `${s.count === 1 ? 'SLO' : `${s.count} SLOs`}: ${SLO_WORD[s.state]}${budget}`;
}

function rateLimitLine(r: NonNullable<MapNode['rateLimit']>): string {
  const rejected = r.rejectedRps === null ? '' : ` · ${formatRate(r.rejectedRps)} rejected`;
  return `Rate limit ${formatRate(r.ratePerSecond)} ${r.scope === 'global' ? 'shared by all instances' : 'per instance'}${rejected}`;
}

export function edgeTooltip(edge: MapEdge, names: (id: string) => string): string {
  const head = `<b>${escapeHtml(names(edge.source))} → ${escapeHtml(names(edge.target))}</b> · ${HEALTH_WORD[edge.health]}`;
  const calls = edge.count && edge.count > 1 ? `<br/>${edge.count} calls between the groups` : '';
  const idle = edge.traffic ? '' : '<br/>no traffic in this window';
  const breaker = edge.breaker
    ? `<br/>Circuit breaker ${edge.breaker.state ?? 'not reported yet'}${edge.breaker.mode && edge.breaker.mode !== 'auto' ? ` (${edge.breaker.mode})` : ''}${edge.breaker.rejectedRps === null ? '' : ` · ${formatRate(edge.breaker.rejectedRps)} short-circuited`}`
    : '';
  const limit = edge.rateLimit ? `<br/>${rateLimitLine(edge.rateLimit)}` : '';
  return `${head}${calls}<br/>${formatRate(edge.rps)} · ${formatRatio(edge.errorRatio)} errors · p95 ${formatLatency(edge.p95)}${idle}${breaker}${limit}`;
}
