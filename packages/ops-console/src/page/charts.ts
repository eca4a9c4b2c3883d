import type { SeriesView } from '@ndf/alerting';
import uPlot from 'uplot';
import { h } from './dom.js';

interface ChartSpec {
  readonly title: string;
  readonly unit: string;
  readonly lines: readonly {
    readonly label: string;
    readonly color: string;
    readonly value: (point: SeriesView['points'][number]) => number | null;
  }[];
}

const count = (name: string) => (point: SeriesView['points'][number]) => point.counts[name] ?? 0;
const sum =
  (...names: string[]) =>
  (point: SeriesView['points'][number]) =>
    names.reduce((total, name) => total + (point.counts[name] ?? 0), 0);

const CHARTS: readonly ChartSpec[] = [
  {
    title: 'Throughput',
    unit: 'per period',
    lines: [
      { label: 'received', color: '#2563eb', value: sum('received', 'requests') },
      { label: 'succeeded', color: '#16a34a', value: count('succeeded') },
    ],
  },
  {
    title: 'Latency',
    unit: 'ms',
    lines: [
      { label: 'p50', color: '#16a34a', value: (point) => point.latency?.p50 ?? null },
      { label: 'p90', color: '#d97706', value: (point) => point.latency?.p90 ?? null },
      { label: 'p99', color: '#dc2626', value: (point) => point.latency?.p99 ?? null },
    ],
  },
  {
    title: 'Errors',
    unit: 'per period',
    lines: [
      { label: 'retried', color: '#d97706', value: count('retried') },
      { label: '5xx', color: '#dc2626', value: count('status_5xx') },
    ],
  },
  { title: 'Quarantined', unit: 'per period', lines: [{ label: 'quarantined', color: '#7c3aed', value: count('quarantined') }] },
];

const hourMinute = (seconds: number): string => new Date(seconds * 1_000).toTimeString().slice(0, 5);

/** The last hour of one component: throughput, latency percentiles, errors and quarantined messages, one uPlot chart each. */
export function seriesCharts(series: SeriesView, width: number): { readonly element: HTMLElement; destroy(): void } {
  const container = h('div', { class: 'charts', 'data-component': series.component });
  const charts: uPlot[] = [];
  const times = series.points.map((point) => point.at / 1_000);
  for (const spec of CHARTS) {
    const figure = h('figure', { class: 'chart' }, h('figcaption', {}, `${spec.title} (${spec.unit})`));
    container.appendChild(figure);
    const data: uPlot.AlignedData = [times, ...spec.lines.map((line) => series.points.map(line.value))];
    const chart = new uPlot(
      {
        width,
        height: 150,
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [
          { stroke: '#475569', grid: { stroke: '#e2e8f0' }, values: (_chart, ticks) => ticks.map(hourMinute) },
          { stroke: '#475569', grid: { stroke: '#e2e8f0' }, size: 44 },
        ],
        series: [{}, ...spec.lines.map((line) => ({ label: line.label, stroke: line.color, width: 2, spanGaps: true }))],
      },
      data,
      figure,
    );
    charts.push(chart);
  }
  return { element: container, destroy: () => charts.forEach((chart) => chart.destroy()) };
}
