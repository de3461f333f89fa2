// The ECharts build Kinerja serves (scripts/assets.sh bundles it with esbuild): only the chart types, components and
// the one renderer that app/src/charts draws with. A chart option that uses anything else is drawn without it, so a
// new series or component type belongs here too (and the file name changes with this file: see charts/view.rs).
// scripts/assets.sh starts the bundle with V8's compile hint (`//# allFunctionsCalledOnLoad`): the browser compiles
// it while it downloads, off the page's thread, instead of function by function while the first chart is drawn.
import { getInstanceByDom, init, use } from "echarts/core";
import { BarChart, HeatmapChart, LineChart, RadarChart, TreeChart } from "echarts/charts";
import {
  GridComponent,
  LegendPlainComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
} from "echarts/components";
import { CanvasRenderer } from "echarts/renderers";

use([
  BarChart,
  HeatmapChart,
  LineChart,
  RadarChart,
  TreeChart,
  GridComponent,
  LegendPlainComponent,
  RadarComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapContinuousComponent,
  CanvasRenderer,
]);

// charming calls `echarts.init`; the instances it returns carry every other method. `getInstanceByDom` finds the
// chart drawn in an element (the journeys click on chart items through it).
window.echarts = { init, getInstanceByDom };
