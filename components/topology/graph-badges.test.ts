import { describe, expect, it } from 'vitest';
import type { LayoutResult } from '@/lib/topology/layout-types';
import { edgeCaption, edgeTooltip, nodeCaption, nodeTooltip } from './graph-style';
import { topologyOption } from './graph-options';
import type { MapEdge, MapGraph, MapNode } from './map-types';

const node = (id: string, over: Partial<MapNode> = {}): MapNode => ({ id, label: id, kind: 'service', health: 'healthy', rps: 10, errorRatio: 0, p95: 0.05, instances: 2, members: 1, ...over });
const edge = (source: string, target: string, over: Partial<MapEdge> = {}): MapEdge => ({ id: `${source}\u2192${target}`, source, target, health: 'healthy', traffic: true, rps: 5, errorRatio: 0.01, p95: 0.12, ...over });

const burning = { state: 'page' as const, count: 2, budgetRemaining: 0.25, worstId: 'checkout-availability' };
const open = { state: 'open' as const, mode: 'force-open' as const, rejectedRps: 4 };

describe('badges on the map', () => {
  it('captions a burning SLO (page red, ticket amber), a rate limit, and not an SLO within budget', () => {
    expect(nodeCaption(node('checkout', { slo: burning }))).toBe('{name|checkout} {sloPage|SLO}');
    expect(nodeCaption(node('checkout', { instances: 1, slo: { ...burning, state: 'ticket' } }))).toBe('{name|checkout} {one|1} {sloTicket|SLO}');
    expect(nodeCaption(node('checkout', { slo: { ...burning, state: 'ok' } }))).toBe('{name|checkout}');
    expect(nodeCaption(node('payments', { rateLimit: { ratePerSecond: 50, scope: 'instance', rejectedRps: 1.5 } }))).toBe('{name|payments} {limit|RL}');
  });

  it('says what a badge means in the tooltip', () => {
    const t = nodeTooltip(node('checkout', { slo: burning, rateLimit: { ratePerSecond: 50, scope: 'global', rejectedRps: 1.5 } }));
    expect(t).toContain('2 SLOs: burning fast (page) · 25 % of the budget left');
    expect(t).toContain('Rate limit 50 req/s shared by all instances · 1.5 req/s rejected');
    const e = edgeTooltip(edge('checkout', 'payments', { breaker: open }), (id) => id);
    expect(e).toContain('Circuit breaker open (force-open) · 4 req/s short-circuited');
  });

  it('puts the breaker state first on the edge label', () => {
    expect(edgeCaption(edge('a', 'b', { breaker: open }), 'rps')).toBe('breaker open (forced) · 5 req/s');
    expect(edgeCaption(edge('a', 'b', { breaker: { state: 'half-open', mode: 'auto', rejectedRps: null } }), 'none')).toBe('breaker half-open');
    // a closed breaker in auto mode is the normal case: no badge
    expect(edgeCaption(edge('a', 'b', { breaker: { state: 'closed', mode: 'auto', rejectedRps: 0 } }), 'rps')).toBe('5 req/s');
  });

  it('keeps burning SLOs and open breakers labelled when the zoom hides other labels', () => {
    const graph: MapGraph = {
      nodes: [node('gateway'), node('checkout', { slo: burning }), node('payments')],
      edges: [edge('gateway', 'checkout'), edge('checkout', 'payments', { breaker: open })],
    };
    const layout: LayoutResult = {
      positions: { gateway: { x: 0, y: 0 }, checkout: { x: 200, y: 0 }, payments: { x: 400, y: 0 } },
      groups: [{ group: null, x: 0, y: 0, width: 500, height: 60, collapsed: false, size: 3 }],
      timings: { groupsMs: 0, overviewMs: 0, totalMs: 0, groupsLaidOut: 0, groupsFromCache: 0 },
    };
    const { option } = topologyOption({ graph, layout, size: { width: 800, height: 400 }, labels: 'rps', selected: null, dark: false, lod: { nodeLabels: false, edgeLabels: false }, showGroups: false, groupTitle: () => '' });
    const s = (option.series as Array<{ data: Array<{ id: string; label?: { show?: boolean } }>; links: Array<{ id: string; label?: { show?: boolean } }> }>)[0]!;
    const nodes = new Map(s.data.map((d) => [d.id, d]));
    expect(nodes.get('checkout')?.label?.show).toBe(true);
    expect(nodes.get('gateway')?.label?.show).toBeUndefined();
    const links = new Map(s.links.map((l) => [l.id, l]));
    expect(links.get('checkout\u2192payments')?.label?.show).toBe(true);
    expect(links.get('gateway\u2192checkout')?.label?.show).toBeUndefined();
  });
});

describe('an inbound breaker', () => {
  it('badges the service (CB, red when open) and keeps it labelled', () => {
    expect(nodeCaption(node('cart', { breaker: { state: 'open', mode: 'force-open', rejectedRps: 2 } }))).toBe('{name|cart} {sloPage|CB}');
    expect(nodeCaption(node('cart', { breaker: { state: 'closed', mode: 'auto', rejectedRps: 0 } }))).toBe('{name|cart}');
    expect(nodeTooltip(node('cart', { breaker: { state: 'open', mode: 'force-open', rejectedRps: 2 } }))).toContain('Inbound circuit breaker open (force-open)');
  });
});
