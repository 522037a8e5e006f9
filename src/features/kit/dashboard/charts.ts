/**
 * Charts as inline SVG, rendered on the server: no script, no external network. Colours are SVG
 * presentation attributes (allowed by the CSP, unlike style attributes). Every label is escaped.
 */
import { type Html, html } from '../html.js';

export interface Datum {
  label: string;
  value: number;
}

export interface ChartOptions {
  /** Shown as the SVG title (for screen readers) and as a caption. */
  title: string;
  /** Shown instead of the chart when there is nothing to draw. */
  emptyText: string;
}

/** Width of the drawing in SVG units; CSS scales it to the card (about 0.7× on a phone, 0.85× at 1366 px). */
const WIDTH = 480;
const BAR_ROW = 30;
const LABEL_WIDTH = 160;
const FONT = 15;
const PALETTE = ['#0b6b57', '#2f7fb8', '#d08a11', '#a33f6b', '#5b6f1e', '#6b4fa3', '#b5452b', '#3b8a8a'];
let seq = 0;

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** Shortens a label to fit its column. */
function clip(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function frame(opts: ChartOptions, height: number, body: Html, kind: string): Html {
  const id = `chart-${++seq}`;
  return html`<figure class="chart chart-${kind}">
<figcaption>${opts.title}</figcaption>
<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">
<title id="${id}">${opts.title}</title>
${body}
</svg>
</figure>`;
}

function empty(opts: ChartOptions, kind: string): Html {
  return frame(opts, 60, html`<text x="${WIDTH / 2}" y="35" text-anchor="middle" fill="#5c6b66" font-size="${FONT}">${opts.emptyText}</text>`, kind);
}

/** Horizontal bars, one row per datum, value at the end of each bar. */
export function barChart(data: Datum[], opts: ChartOptions): Html {
  if (!data.length || data.every((d) => d.value === 0)) return empty(opts, 'bar');
  const max = Math.max(...data.map((d) => d.value));
  const room = WIDTH - LABEL_WIDTH - 50;
  const height = data.length * BAR_ROW + 10;
  const rows = data.map((d, i) => {
    const y = 5 + i * BAR_ROW;
    const w = max > 0 ? Math.max(d.value > 0 ? 2 : 0, Math.round((d.value / max) * room)) : 0;
    return html`<g class="bar"><title>${d.label}: ${fmt(d.value)}</title>
<text x="${LABEL_WIDTH - 8}" y="${y + 20}" text-anchor="end" font-size="${FONT}" fill="#1b2422">${clip(d.label, 19)}</text>
<rect x="${LABEL_WIDTH}" y="${y + 5}" width="${w}" height="${BAR_ROW - 10}" rx="3" fill="${PALETTE[i % PALETTE.length]}"></rect>
<text x="${LABEL_WIDTH + w + 6}" y="${y + 20}" font-size="${FONT}" fill="#1b2422">${fmt(d.value)}</text></g>`;
  });
  return frame(opts, height, html`${rows}`, 'bar');
}

/** A line over evenly spaced points (e.g. days or weeks), with the maximum marked on the axis. */
export function lineChart(data: Datum[], opts: ChartOptions): Html {
  if (!data.length || data.every((d) => d.value === 0)) return empty(opts, 'line');
  const height = 250;
  const left = 40;
  const right = 16;
  const top = 16;
  const bottom = 48;
  const max = Math.max(1, ...data.map((d) => d.value));
  const plotW = WIDTH - left - right;
  const plotH = height - top - bottom;
  const x = (i: number) => left + (data.length === 1 ? plotW / 2 : (i * plotW) / (data.length - 1));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const points = data.map((d, i) => `${x(i).toFixed(1)},${y(d.value).toFixed(1)}`).join(' ');
  // At most ~6 x labels, so they never overlap.
  const every = Math.max(1, Math.ceil(data.length / 6));
  const labels = data.map((d, i) =>
    i % every === 0 || (i === data.length - 1 && i % every >= every / 2)
      ? html`<text x="${x(i).toFixed(1)}" y="${height - bottom + 20}" text-anchor="middle" font-size="${FONT - 1}" fill="#5c6b66">${clip(d.label, 10)}</text>`
      : '',
  );
  const dots = data.map(
    (d, i) => html`<circle cx="${x(i).toFixed(1)}" cy="${y(d.value).toFixed(1)}" r="4" fill="#0b6b57"><title>${d.label}: ${fmt(d.value)}</title></circle>`,
  );
  const body = html`<line x1="${left}" y1="${top + plotH}" x2="${WIDTH - right}" y2="${top + plotH}" stroke="#b9c7c2"></line>
<line x1="${left}" y1="${top}" x2="${WIDTH - right}" y2="${top}" stroke="#e3eae7" stroke-dasharray="4 4"></line>
<text x="${left - 6}" y="${top + 5}" text-anchor="end" font-size="${FONT - 1}" fill="#5c6b66">${fmt(max)}</text>
<text x="${left - 6}" y="${top + plotH + 5}" text-anchor="end" font-size="${FONT - 1}" fill="#5c6b66">0</text>
<polyline points="${points}" fill="none" stroke="#0b6b57" stroke-width="2.5" stroke-linejoin="round"></polyline>
${dots}${labels}`;
  return frame(opts, height, body, 'line');
}

export interface StackedRow {
  label: string;
  /** One value per series, in the order of `series`. */
  values: number[];
}

/** Legend rows: squares with series names, wrapped to the drawing width. */
function legend(series: string[], colors: string[]): { body: Html; height: number } {
  let x = 0;
  let y = 0;
  const items: Html[] = [];
  series.forEach((name, i) => {
    const label = clip(name, 24);
    const w = 26 + label.length * 8;
    if (x > 0 && x + w > WIDTH) {
      x = 0;
      y += 22;
    }
    items.push(html`<g class="legend-item"><rect x="${x}" y="${y + 4}" width="12" height="12" rx="2" fill="${colors[i]}"></rect><text x="${x + 17}" y="${y + 15}" font-size="${FONT - 2}" fill="#33413d">${label}</text></g>`);
    x += w;
  });
  return { body: html`${items}`, height: y + 28 };
}

/**
 * Horizontal bars split into coloured segments (one per series), with a legend above and the row
 * total at the end: cases per week by category, answers per gathering.
 */
export function stackedBarChart(rows: StackedRow[], series: string[], opts: ChartOptions & { colors?: string[] }): Html {
  const totals = rows.map((r) => r.values.reduce((a, v) => a + v, 0));
  if (!rows.length || totals.every((v) => v === 0)) return empty(opts, 'stacked');
  const colors = series.map((_, i) => opts.colors?.[i] ?? PALETTE[i % PALETTE.length]);
  const lg = legend(series, colors);
  const max = Math.max(...totals);
  const room = WIDTH - LABEL_WIDTH - 50;
  const bars = rows.map((r, i) => {
    const y = lg.height + i * BAR_ROW;
    let x = LABEL_WIDTH;
    const segs = r.values.map((v, s) => {
      if (v <= 0) return '';
      const w = Math.max(2, Math.round((v / max) * room));
      const seg = html`<rect x="${x}" y="${y + 5}" width="${w}" height="${BAR_ROW - 10}" fill="${colors[s]}"><title>${r.label} · ${series[s]}: ${fmt(v)}</title></rect>`;
      x += w;
      return seg;
    });
    return html`<g class="bar"><text x="${LABEL_WIDTH - 8}" y="${y + 20}" text-anchor="end" font-size="${FONT}" fill="#1b2422">${clip(r.label, 19)}</text>
${segs}<text x="${x + 6}" y="${y + 20}" font-size="${FONT}" fill="#1b2422">${fmt(totals[i])}</text></g>`;
  });
  return frame(opts, lg.height + rows.length * BAR_ROW + 10, html`${lg.body}${bars}`, 'stacked');
}
