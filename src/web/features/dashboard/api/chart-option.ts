/**
 * The dashboard's bar charts: the ECharts option of one count (a horizontal bar per key, the
 * largest first), and the SVG that ECharts' server-side renderer makes of it, made fit for the
 * page: no inline style (the CSP allows none), no script hooks, and an accessible name.
 */
import type { EChartsOption } from 'echarts';

export interface ChartRow {
  key: string;
  label: string;
  value: number;
}

/** Dark blue bars (contrast 10.4:1 on white) and near-black text (16:1): readable for everyone. */
export const CHART_COLOURS = { bar: '#154273', text: '#1b1b1b', grid: '#767676' } as const;

export const CHART_WIDTH = 640;
const ROW_HEIGHT = 28;
const PADDING = 56;

/** Rows of one count: the keys with their labels, the largest count first, then by label. */
export function chartRows(counts: Record<string, number>, label: (key: string) => string): ChartRow[] {
  return Object.entries(counts)
    .filter(([, value]) => value > 0)
    .map(([key, value]) => ({ key, label: label(key), value }))
    .sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}

/** The height that gives every bar room for its label. */
export function chartHeight(rows: readonly ChartRow[]): number {
  return Math.max(1, rows.length) * ROW_HEIGHT + PADDING;
}

/** Cuts a long label for the axis (the table beside the chart has it in full). */
export function axisLabel(label: string, max = 28): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/**
 * The ECharts option of a horizontal bar chart: one bar per row, top to bottom in the rows'
 * order, each with its number at its end. No animation, tooltip or legend: it is rendered once,
 * on the server, to SVG.
 */
export function barChartOption(rows: readonly ChartRow[], locale: string): EChartsOption {
  // ECharts draws a category axis bottom-up: reverse, so the first row is on top.
  const ordered = [...rows].reverse();
  const format = new Intl.NumberFormat(locale);
  return {
    animation: false,
    aria: { enabled: false },
    textStyle: { fontFamily: 'sans-serif', fontSize: 13, color: CHART_COLOURS.text },
    grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { color: CHART_COLOURS.text, formatter: (value: number) => format.format(value) },
      splitLine: { lineStyle: { color: CHART_COLOURS.grid, type: 'dashed', width: 1 } },
    },
    yAxis: {
      type: 'category',
      data: ordered.map((row) => axisLabel(row.label)),
      axisLabel: { color: CHART_COLOURS.text },
      axisLine: { lineStyle: { color: CHART_COLOURS.text } },
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        data: ordered.map((row) => row.value),
        barMaxWidth: 20,
        itemStyle: { color: CHART_COLOURS.bar },
        label: {
          show: true,
          position: 'right',
          color: CHART_COLOURS.text,
          formatter: (params: { value: unknown }) => format.format(Number(params.value)),
        },
        emphasis: { disabled: true },
      },
    ],
  };
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/**
 * Makes ECharts' SSR output fit the page: `style="font-size:…;font-family:…"` becomes the same
 * presentation attributes (the CSP allows no inline style), the `<style>` of hover effects and
 * the renderer's class and `ecmeta_*` hooks go, and the root gets `role="img"`, the accessible
 * name and a `<title>`, and scales with its container (`viewBox` stays, width and height go).
 */
export function pageSvg(svg: string, name: string): string {
  const cleaned = svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_match, style: string) =>
      style
        .split(';')
        .map((declaration) => declaration.trim())
        .filter((declaration) => /^(font-size|font-family|font-weight):/.test(declaration))
        .map((declaration) => {
          const [property, ...value] = declaration.split(':');
          return ` ${property}="${escapeXml(value.join(':').trim())}"`;
        })
        .join(''),
    )
    .replace(/ class="[^"]*"/g, '')
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ pointer-events="[^"]*"/g, '')
    .replace(/\n/g, '');
  return cleaned
    .replace(
      /^<svg width="\d+" height="\d+"/,
      `<svg role="img" aria-label="${escapeXml(name)}" focusable="false" class="schakel-chart__svg"`,
    )
    .replace(/(<svg[^>]*>)/, `$1<title>${escapeXml(name)}</title>`);
}
