import { MONITOR_ROUTES, type MonitorReadModel } from '@ndf/alerting';
import { HttpProblem, wholeNumber } from '../http-problem.js';
import type { ApiRoute } from './route.js';

const MINUTES = { min: 1, max: 60, fallback: 60 };
const LOG_LIMIT = { min: 1, max: 5_000, fallback: 1_000 };

function required(url: URL, field: string): string {
  const value = url.searchParams.get(field)?.trim();
  if (!value) throw new HttpProblem(400, `${field} is required.`, field);
  if (value.length > 200) throw new HttpProblem(400, `${field} must be at most 200 characters.`, field);
  return value;
}

/** The monitor's read side at MONITOR_ROUTES, as the `ops` command line and the alert benchmark read it too. */
export function monitorRoutes(monitor: MonitorReadModel): ApiRoute[] {
  return [
    { method: 'GET', path: MONITOR_ROUTES.status, handle: async () => monitor.status() },
    { method: 'GET', path: MONITOR_ROUTES.alerts, handle: async () => monitor.alerts() },
    {
      method: 'GET',
      path: MONITOR_ROUTES.series,
      handle: async ({ url }) =>
        monitor.series(required(url, 'component'), wholeNumber(url.searchParams.get('minutes'), 'minutes', MINUTES)),
    },
    {
      method: 'GET',
      path: MONITOR_ROUTES.logs,
      handle: async ({ url }) => monitor.logs(required(url, 'id'), wholeNumber(url.searchParams.get('limit'), 'limit', LOG_LIMIT)),
    },
    {
      method: 'GET',
      path: MONITOR_ROUTES.errors,
      handle: async ({ url }) => monitor.errors(wholeNumber(url.searchParams.get('minutes'), 'minutes', MINUTES)),
    },
  ];
}
