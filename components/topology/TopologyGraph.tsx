'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EdgeLabelMode } from '@/lib/query/topology-params';
import type { LayoutResult } from '@/lib/topology/layout-types';
import { EChart } from '@/components/charts/EChart';
import type { EChartsType } from '@/components/charts/echarts-core';
import { useElementWidth } from '@/components/hooks/useElementWidth';
import { frameFor, levelOfDetail, type LevelOfDetail } from './graph-frame';
import { SERIES_ID, topologyOption } from './graph-options';
import { type MapGraph } from './map-types';

export const MAP_HEIGHT = 600;

export interface TopologyGraphProps {
  graph: MapGraph;
  layout: LayoutResult;
  labels: EdgeLabelMode;
  selected: string | null;
  dark: boolean;
  showGroups: boolean;
  groupTitle: (group: string | null) => string;
  ariaLabel: string;
  /** A change resets pan and zoom to the whole map (focus, filters, grouping); refreshes keep them. */
  viewKey: string;
  /** Centre on this node (a new `nonce` asks again for the same node). */
  centerOn: { id: string; nonce: number } | null;
  onNodeClick: (id: string) => void;
  onEdgeClick: (id: string) => void;
  onBackgroundClick: () => void;
}

interface ClickParams {
  dataType?: string;
  data?: { id?: string };
}

interface RoamParams {
  zoom?: number;
}

/** A zrender element, as much of it as the roam thinning touches (ECharts' Line group and its label). */
interface ZrElement {
  type?: string;
  ignore: boolean;
  parent?: ZrElement | null;
  getTextContent?: () => ZrElement | undefined;
  markRedraw(): void;
}

/**
 * While the user pans or zooms, a map with more edges than this draws none (every frame repaints every
 * edge: 15,000 at 5,000 services); smaller maps only drop their edge labels. Restored ROAM_REST_MS
 * after the last roam event. Measured in bench/topology-browser.ts.
 */
export const HIDE_EDGES_WHILE_ROAMING = 4000;
const ROAM_REST_MS = 150;

/**
 * Hides edge lines (all of each edge, when `lines`) or edge labels on the chart's canvas without
 * setOption (a rebuild of a big map costs more than the frames it would save): zrender's `ignore` on
 * ECharts' Line groups (they hold an 'ec-line' path). Returns what it hid, to be shown again.
 */
function hideEdges(instance: EChartsType, lines: boolean, hidden: ZrElement[]): void {
  const zr = instance.getZr() as unknown as { storage: { getDisplayList(): ZrElement[] }; refresh(): void };
  let changed = false;
  for (const el of zr.storage.getDisplayList()) {
    if (el.type !== 'ec-line' || !el.parent) continue;
    const target = lines ? el.parent : el.parent.getTextContent?.();
    if (!target || target.ignore) continue;
    target.ignore = true;
    target.markRedraw();
    hidden.push(target);
    changed = true;
  }
  if (changed) zr.refresh();
}

/**
 * The map's canvas: one ECharts graph series with the worker's positions (`layout: 'none'`), pan and
 * zoom by ECharts' own roam (never through setOption per frame). Labels come and go with the zoom
 * (level of detail): the option is rebuilt only when the zoom crosses a threshold.
 */
export function TopologyGraph(props: TopologyGraphProps) {
  const { graph, layout, labels, selected, dark, showGroups, groupTitle, ariaLabel, viewKey, centerOn } = props;
  const box = useRef<HTMLDivElement>(null);
  const width = useElementWidth(box);
  const chart = useRef<EChartsType | null>(null);
  const zoom = useRef(1);
  const [lodZoom, setLodZoom] = useState(1);
  const handlers = useRef(props);
  useEffect(() => {
    handlers.current = props;
  });

  // A new view starts at the whole map.
  const [shownView, setShownView] = useState(viewKey);
  if (shownView !== viewKey) {
    setShownView(viewKey);
    setLodZoom(1);
  }
  useEffect(() => {
    zoom.current = 1;
  }, [viewKey]);

  const size = useMemo(() => ({ width, height: MAP_HEIGHT }), [width]);
  const counts = useMemo(() => ({ nodes: graph.nodes.length, edges: graph.edges.length }), [graph]);

  // The level of detail depends on the frame's scale, known before the option is built.
  const lodFor = useCallback((k: number, z: number): LevelOfDetail => levelOfDetail(k, z, counts.nodes, counts.edges, labels), [counts, labels]);
  const built = useMemo(() => {
    if (width <= 0) return null;
    const k = frameFor(graph, layout, size)?.k ?? 1;
    return { ...topologyOption({ graph, layout, size, labels, selected, dark, lod: lodFor(k, lodZoom), zoom: lodZoom, showGroups, groupTitle }), k };
  }, [width, graph, layout, size, labels, selected, dark, showGroups, groupTitle, lodFor, lodZoom]);

  const k = built?.k ?? 1;
  const scaleMax = Math.max(4, 3 / k);
  const current = useRef({ k, scaleMax, lod: lodFor(k, lodZoom), lodFor, lodZoom });
  useEffect(() => {
    current.current = { k, scaleMax, lod: lodFor(k, lodZoom), lodFor, lodZoom };
  });
  const settle = useRef(0);
  const rest = useRef(0);
  const hidden = useRef<ZrElement[]>([]);
  useEffect(
    () => () => {
      window.clearTimeout(settle.current);
      window.clearTimeout(rest.current);
    },
    [],
  );
  const edgeCount = useRef(counts.edges);
  useEffect(() => {
    edgeCount.current = counts.edges;
  });

  const events = useMemo(
    () => ({
      click: (p: unknown) => {
        const { dataType, data } = p as ClickParams;
        const id = data?.id;
        if (!id) return;
        if (dataType === 'edge') handlers.current.onEdgeClick(id);
        else if (dataType === 'node') handlers.current.onNodeClick(id);
      },
      graphRoam: (p: unknown) => {
        // Cheaper frames while moving: no edge labels, and no edges at all on a big map.
        const instance = chart.current;
        // `window.switchyardRoamThinning = false` turns it off: the browser bench's "before" figure.
        if (instance && (window as { switchyardRoamThinning?: boolean }).switchyardRoamThinning !== false) {
          hideEdges(instance, edgeCount.current > HIDE_EDGES_WHILE_ROAMING, hidden.current);
          window.clearTimeout(rest.current);
          rest.current = window.setTimeout(() => {
            const els = hidden.current;
            hidden.current = [];
            for (const el of els) {
              el.ignore = false;
              el.markRedraw();
            }
            if (els.length) chart.current?.getZr().refresh();
          }, ROAM_REST_MS);
        }
        const z = (p as RoamParams).zoom;
        if (z === undefined) return;
        const c = current.current;
        // The same clamp as ECharts' scaleLimit, so our zoom follows the chart's.
        zoom.current = Math.min(c.scaleMax, Math.max(0.5, zoom.current * z));
        // Rebuild once the wheel rests, and only when the labels change or their room has doubled or
        // halved: a rebuild of a big map costs a frame budget many times over.
        window.clearTimeout(settle.current);
        settle.current = window.setTimeout(() => {
          const now = current.current;
          const next = now.lodFor(now.k, zoom.current);
          const ratio = zoom.current / now.lodZoom;
          if (next.nodeLabels !== now.lod.nodeLabels || next.edgeLabels !== now.lod.edgeLabels || ratio >= 2 || ratio <= 0.5) setLodZoom(zoom.current);
        }, 200);
      },
    }),
    [],
  );

  const onChart = useCallback((instance: EChartsType | null) => {
    chart.current = instance;
    if (!instance) return;
    // A click on the canvas that hits nothing (no node, no edge) clears the selection.
    instance.getZr().on('click', (e: { target?: unknown }) => {
      if (!e.target) handlers.current.onBackgroundClick();
    });
  }, []);

  // Centre on a searched node when the whole map does not fit readably in the panel, or when the
  // node is outside the visible part. Once per request (nonce), as soon as the node has a position
  // (after expanding its group, that is the next layout), not again on every refresh.
  const centred = useRef(0);
  useEffect(() => {
    const instance = chart.current;
    if (!centerOn || centred.current === centerOn.nonce || !instance || !built) return;
    const p = layout.positions[centerOn.id];
    if (!p) return;
    centred.current = centerOn.nonce;
    const px = instance.convertToPixel({ seriesId: SERIES_ID }, [p.x, p.y]) as number[] | undefined;
    const offscreen = !px || px[0]! < 0 || px[1]! < 0 || px[0]! > size.width || px[1]! > size.height;
    if (built.k >= 0.7 && !offscreen) return;
    const target = built.k < 0.7 ? Math.min(scaleMax, Math.max(zoom.current, 1 / built.k)) : zoom.current;
    zoom.current = target;
    instance.setOption({ series: [{ id: SERIES_ID, center: [p.x, p.y], zoom: target }] });
    setLodZoom(target);
  }, [centerOn, built, layout, size, scaleMax]);

  return (
    <div ref={box} className="relative w-full" style={{ height: MAP_HEIGHT }}>
      {built && <EChart option={built.option} dark={dark} ariaLabel={ariaLabel} height={MAP_HEIGHT} events={events} viewKey={viewKey} onChart={onChart} />}
    </div>
  );
}
