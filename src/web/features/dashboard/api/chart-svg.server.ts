/**
 * Renders a bar chart to SVG on the server with ECharts' SSR renderer (`ssr: true`,
 * `renderToSVGString`): the page shows it without any JavaScript, and no chart code reaches the
 * browser. Server only (`.server.ts`).
 */
import * as echarts from 'echarts';
import { barChartOption, CHART_WIDTH, type ChartRow, chartHeight, pageSvg } from './chart-option';

/** Rendered charts kept per process: rendering costs tens of ms a chart, the counts change only with writes. */
const KEPT = 200;
const kept = new Map<string, string>();

export function renderBarChart(rows: readonly ChartRow[], name: string, locale: string): string {
  const key = JSON.stringify([rows, name, locale]);
  const hit = kept.get(key);
  if (hit !== undefined) return hit;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: CHART_WIDTH, height: chartHeight(rows) });
  try {
    chart.setOption(barChartOption(rows, locale));
    const svg = pageSvg(chart.renderToSVGString(), name);
    if (kept.size >= KEPT) kept.delete(kept.keys().next().value as string);
    kept.set(key, svg);
    return svg;
  } finally {
    chart.dispose();
  }
}
