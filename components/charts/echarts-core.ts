'use client';

import { use as registerParts, type ComposeOption } from 'echarts/core';
import { GraphChart, LineChart, type GraphSeriesOption, type LineSeriesOption } from 'echarts/charts';
import {
  BrushComponent,
  GridComponent,
  LegendComponent,
  ToolboxComponent,
  TooltipComponent,
  type BrushComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type ToolboxComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

/**
 * The ECharts parts we use, registered once. Importing from echarts/core keeps the bundle to line
 * charts on canvas instead of the whole library.
 * Brush (not DataZoom) implements drag-to-zoom: the URL range is the source of truth, so a drag must
 * become a new from/to that the server answers at the right step, not a client-side zoom into
 * points fetched for the wider range. Brush always declares a toolbox (its preprocessor adds one), so
 * Toolbox is registered too and kept hidden: the drag itself is the gesture, no buttons needed.
 * The graph series draws the topology map (canvas, positions from the layout worker, `layout: 'none'`).
 */
registerParts([LineChart, GraphChart, GridComponent, TooltipComponent, LegendComponent, BrushComponent, ToolboxComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  LineSeriesOption | GraphSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | BrushComponentOption | ToolboxComponentOption
>;
export type { GraphSeriesOption, LineSeriesOption };
export { init, type EChartsType } from 'echarts/core';
