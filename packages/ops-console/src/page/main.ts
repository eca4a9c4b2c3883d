import type { AlertsView, ErrorGroup, LogLine, PlatformStatus, SeriesView } from '@ndf/alerting';
import type { QuarantineSummary } from '@ndf/runtime';
import type { StalledView } from '../stalled-receipt.js';
import { adoptTokenFromFragment, api, ApiError, forgetToken, operatorName, signedIn } from './api.js';
import { seriesCharts } from './charts.js';
import { fill, h } from './dom.js';
import { pipelineGraph } from './graph.js';
import { quarantineList, quarantineQuery, showQuarantined, type QuarantineFilter } from './quarantine-view.js';
import { alertsView, errorsView, logsView, stalledView } from './views.js';

const REFRESH_MS = 5_000;

let chartedComponent = '';
let charts: { destroy(): void } | undefined;
const filter: QuarantineFilter = { service: '', tenant: '', error: '', status: '' };

let signedOut = false;

function showFailure(error: unknown): void {
  if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
    // A refused token stays refused: stop asking, and forget it so that a reload asks for a sign-in.
    signedOut = true;
    forgetToken();
    document.body.classList.add('signed-out');
    fill('operator');
    fill('refresh-state');
    fill('sign-in', h('h2', {}, error.status === 401 ? 'Sign in' : 'Operators only'), h('p', {}, error.message), signInHint());
    return;
  }
  fill('refresh-state', `refresh failed: ${error instanceof Error ? error.message : String(error)}`).classList.add('failed');
}

const signInHint = () =>
  h(
    'p',
    {},
    'On the laptop, run ',
    h('code', {}, 'npm run ops -- console'),
    ' and open the link it prints; it signs this tab in as an operator.',
  );

async function searchLogs(id: string): Promise<void> {
  (document.getElementById('log-id') as HTMLInputElement).value = id;
  const lines = await api<LogLine[]>(`/api/logs?id=${encodeURIComponent(id)}&limit=2000`);
  fill('logs', logsView(id, lines));
  document.getElementById('logs-section')!.scrollIntoView({ behavior: 'smooth' });
}
const search = (id: string) => void searchLogs(id).catch(showFailure);

async function refreshCharts(status: PlatformStatus): Promise<void> {
  const picker = document.getElementById('chart-component') as HTMLSelectElement;
  const names = status.components.map((component) => component.name).sort();
  if (picker.options.length !== names.length) picker.replaceChildren(...names.map((name) => h('option', { value: name }, name)));
  if (!chartedComponent || !names.includes(chartedComponent)) chartedComponent = names.find((name) => name !== 'canary') ?? names[0] ?? '';
  picker.value = chartedComponent;
  if (!chartedComponent) return;
  const series = await api<SeriesView>(`/api/series?component=${encodeURIComponent(chartedComponent)}&minutes=60`);
  const area = document.getElementById('charts')!;
  charts?.destroy();
  const drawn = seriesCharts(series, Math.max(280, Math.floor((area.clientWidth - 36) / 2)));
  charts = drawn;
  area.replaceChildren(drawn.element);
}

async function refreshQuarantine(): Promise<void> {
  const { items } = await api<{ items: QuarantineSummary[] }>(quarantineQuery(filter));
  fill(
    'quarantine',
    quarantineList(items, (item) => void showQuarantined(item, () => void refreshQuarantine().catch(showFailure)).catch(showFailure)),
  );
}

async function refresh(): Promise<void> {
  const [status, alerts, errors, stalled] = await Promise.all([
    api<PlatformStatus>('/api/status'),
    api<AlertsView>('/api/alerts'),
    api<ErrorGroup[]>('/api/errors?minutes=60'),
    api<StalledView>('/api/stalled'),
  ]);
  const alerting = status.components.filter((component) => component.alertId !== undefined || !component.up).length;
  fill(
    'summary',
    `${status.components.length} components · ${alerts.open.length} open alert${alerts.open.length === 1 ? '' : 's'} · ${alerting} in red`,
  );
  fill('graph', pipelineGraph(status));
  fill('alerts', alertsView(alerts, search));
  fill('errors', errorsView(errors, search));
  fill('stalled', stalledView(stalled, search));
  await Promise.all([refreshCharts(status), refreshQuarantine()]);
  const state = fill('refresh-state', `updated ${new Date(status.at).toLocaleTimeString('en-GB')}`);
  state.classList.remove('failed');
  document.body.dataset.loaded = 'true';
}

function wireForms(): void {
  document.getElementById('chart-component')!.addEventListener('change', (event) => {
    chartedComponent = (event.target as HTMLSelectElement).value;
    void refresh().catch(showFailure);
  });
  document.getElementById('quarantine-filter')!.addEventListener('submit', (event) => {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    for (const name of Object.keys(filter) as (keyof QuarantineFilter)[]) filter[name] = String(form.get(name) ?? '').trim();
    void refreshQuarantine().catch(showFailure);
  });
  document.getElementById('log-search')!.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = (document.getElementById('log-id') as HTMLInputElement).value.trim();
    if (id) search(id);
  });
}

adoptTokenFromFragment();
wireForms();
if (!signedIn()) {
  document.body.classList.add('signed-out');
  fill('sign-in', h('h2', {}, 'Sign in'), signInHint());
} else {
  fill('operator', operatorName() ?? 'operator');
  const loop = () =>
    void refresh()
      .catch(showFailure)
      .finally(() => {
        if (!signedOut) setTimeout(loop, REFRESH_MS);
      });
  loop();
}
