/**
 * Renders a bar chart to SVG on the server with ECharts' SSR renderer (`ssr: true`,
 * `renderToSVGString`): the page shows it without any JavaScript, and no chart code reaches the
 * browser. Server only (`.server.ts`).
 */
import * as echarts from 'echarts';
import { barChartOption, CHART_WIDTH, type ChartRow, chartHeight, pageSvg } from './chart-option';

export function renderBarChart(rows: readonly ChartRow[], name: string, locale: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: chartHeight(rows) });
  try {
    chart.setOption(barChartOption(rows, locale));
    return pageSvg(chart.renderToSVGString(), name);
  } finally {
    chart.dispose();
  }
}
