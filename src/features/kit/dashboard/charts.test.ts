import { describe, expect, it } from 'vitest';
import { barChart, lineChart, stackedBarChart } from './charts.js';

const opts = { title: 'Cases <by> "category"', emptyText: 'No data yet' };

describe('charts', () => {
  it('draws one bar per datum with its label and value, longest bar for the largest value', () => {
    const svg = barChart(
      [
        { label: 'Unpaid wages', value: 6 },
        { label: 'Passport held', value: 3 },
      ],
      opts,
    ).value;
    expect(svg.match(/<rect /g)).toHaveLength(2);
    const widths = [...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths[0]).toBeGreaterThan(widths[1]);
    expect(widths[0]).toBe(widths[1] * 2);
    expect(svg).toContain('>Unpaid wages</text>');
    expect(svg).toContain('<title id="chart-');
    expect(svg).toContain('Cases &lt;by&gt; &quot;category&quot;');
  });

  it('escapes labels people or imports control', () => {
    const svg = barChart([{ label: '<img src=x onerror=alert(1)>', value: 1 }], opts).value;
    expect(svg).not.toContain('<img');
    expect(svg).toContain('&lt;img src=x');
  });

  it('says there is no data instead of drawing an empty chart', () => {
    expect(barChart([], opts).value).toContain('No data yet');
    expect(lineChart([{ label: 'Mon', value: 0 }], opts).value).toContain('No data yet');
  });

  it('draws a line through every point, highest at the top', () => {
    const svg = lineChart(
      [
        { label: 'w1', value: 1 },
        { label: 'w2', value: 4 },
        { label: 'w3', value: 2 },
      ],
      opts,
    ).value;
    const points = svg.match(/points="([^"]+)"/)![1].split(' ').map((p) => p.split(',').map(Number));
    expect(points).toHaveLength(3);
    expect(points[1][1]).toBeLessThan(points[0][1]);
    expect(points[1][1]).toBeLessThan(points[2][1]);
    expect(svg.match(/<circle /g)).toHaveLength(3);
  });
});

describe('stacked bars', () => {
  it('draws one segment per non-zero value with a legend, totals at the end, labels escaped', () => {
    const svg = stackedBarChart(
      [
        { label: 'week of 2/11', values: [2, 0, 1] },
        { label: '<b>week</b>', values: [0, 3, 0] },
      ],
      ['Wages not paid', 'Lost contact', 'Other'],
      { title: 'Cases per week', emptyText: 'No data' },
    ).value;
    expect(svg.match(/<g class="legend-item">/g)).toHaveLength(3);
    expect(svg.match(/<rect x="\d+" y="\d+" width="\d+" height="20" fill=/g)).toHaveLength(3);
    expect(svg).toContain('&lt;b&gt;week&lt;/b&gt;');
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('>3</text>');
    expect(stackedBarChart([{ label: 'x', values: [0, 0] }], ['a', 'b'], { title: 't', emptyText: 'Nothing yet' }).value).toContain('Nothing yet');
  });
});
