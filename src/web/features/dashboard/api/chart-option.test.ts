import { describe, expect, it } from 'vitest';
import { axisLabel, barChartOption, CHART_COLOURS, chartHeight, chartRows, pageSvg } from './chart-option';
import { renderBarChart } from './chart-svg.server';

const LABELS: Record<string, string> = { a: 'Belastingen', b: 'Zorg', c: 'Arbeid' };

describe('the dashboard’s bar charts', () => {
  it('orders the rows largest first, then by label, and leaves out zero counts', () => {
    const rows = chartRows({ a: 2, b: 5, c: 2, d: 0 }, (key) => LABELS[key] ?? key);
    expect(rows).toEqual([
      { key: 'b', label: 'Zorg', value: 5 },
      { key: 'c', label: 'Arbeid', value: 2 },
      { key: 'a', label: 'Belastingen', value: 2 },
    ]);
    expect(chartHeight(rows)).toBeGreaterThan(chartHeight(rows.slice(0, 1)));
  });

  it('draws the first row on top, with its number at the end of each bar, in the reader’s number format', () => {
    const option = barChartOption(
      [
        { key: 'b', label: 'Zorg', value: 12500 },
        { key: 'a', label: 'Belastingen', value: 3 },
      ],
      'de',
    ) as {
      yAxis: { data: string[] };
      series: { data: number[]; itemStyle: { color: string }; label: { formatter: (p: { value: unknown }) => string } }[];
      animation: boolean;
    };
    expect(option.animation).toBe(false);
    expect(option.yAxis.data).toEqual(['Belastingen', 'Zorg']);
    expect(option.series[0]?.data).toEqual([3, 12500]);
    expect(option.series[0]?.itemStyle.color).toBe(CHART_COLOURS.bar);
    expect(option.series[0]?.label.formatter({ value: 12500 })).toBe('12.500');
  });

  it('shortens long axis labels only', () => {
    expect(axisLabel('Kort')).toBe('Kort');
    expect(axisLabel('x'.repeat(40))).toHaveLength(28);
    expect(axisLabel('x'.repeat(40)).endsWith('…')).toBe(true);
  });

  it('makes the SVG fit the page: no inline style or <style>, role img with its name and title', () => {
    const raw =
      '<svg width="600" height="300" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 300">\n' +
      '<text style="font-size:12px;font-family:sans-serif;" fill="#333" class="zr0-cls-0">a</text>\n' +
      '<path d="M0 0" ecmeta_series_index="0" pointer-events="visible"></path>\n' +
      '<style ><![CDATA[ .zr0-cls-0:hover { cursor:pointer; } ]]></style></svg>';
    const svg = pageSvg(raw, 'Per "thema" <1>');
    expect(svg).not.toMatch(/style/);
    expect(svg).not.toMatch(/class="zr|ecmeta_|pointer-events/);
    expect(svg).toContain('font-size="12px" font-family="sans-serif"');
    expect(svg).toMatch(/^<svg role="img" aria-label="Per &quot;thema&quot; &lt;1&gt;" focusable="false"/);
    expect(svg).toContain('<title>Per &quot;thema&quot; &lt;1&gt;</title>');
    expect(svg).toContain('viewBox="0 0 600 300"');
  });

  it('renders real bars with ECharts on the server: one per row, labels escaped, nothing the CSP refuses', () => {
    const rows = chartRows({ a: 4, b: 1 }, (key) => (key === 'a' ? 'Zorg & <welzijn>' : 'Arbeid'));
    const svg = renderBarChart(rows, 'Per thema', 'nl');
    expect(svg.startsWith('<svg role="img" aria-label="Per thema"')).toBe(true);
    expect(svg.match(new RegExp(`fill="${CHART_COLOURS.bar}"`, 'g'))).toHaveLength(2);
    expect(svg).toContain('Zorg &amp; &lt;welzijn&gt;');
    expect(svg).not.toMatch(/style|<script|on[a-z]+=/i);
  });
});
