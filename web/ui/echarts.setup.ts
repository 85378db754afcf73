/**
 * The parts of Apache ECharts the app draws with, and only those (bars, lines, pies; the grid,
 * tooltip and legend; SVG), registered once. Loaded on demand by EChart.tsx, so the staff app's
 * first load and the light /track and /verify pages never carry it.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
