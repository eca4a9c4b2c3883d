import { apis } from './apis.js';
import type { ApiEntry } from './types.js';

/** A route of an HTTP API as API Gateway knows it, in the cloud and in the local gateway alike. */
export interface ApiRoute {
  /** `ANY` or an HTTP method. */
  readonly method: string;
  /** With the base path: `/v1/health`, `/v1/{proxy+}`. */
  readonly path: string;
  /** `GET /v1/health`. */
  readonly routeKey: string;
  /** Whether the JWT authorizer guards it. */
  readonly authorized: boolean;
}

/** An API's routes: everything under its base path behind the JWT authorizer, but its public routes. */
export function apiRoutes(api: Pick<ApiEntry, 'basePath' | 'publicRoutes'>): ApiRoute[] {
  const route = (method: string, path: string, authorized: boolean): ApiRoute => ({
    method,
    path: `${api.basePath}${path}`,
    routeKey: `${method} ${api.basePath}${path}`,
    authorized,
  });
  return [
    route('ANY', '/{proxy+}', true),
    ...api.publicRoutes.map((publicRoute) => {
      const [method = '', path = ''] = publicRoute.split(' ');
      return route(method, path, false);
    }),
  ];
}

/**
 * The variable that gives a client of an API (the canary) its address with the base path,
 * `NDF_INGEST_API_URL=https://…/v1`: the API Gateway stage in the cloud, the local adapter on a laptop.
 */
export function apiUrlVariable(api: Pick<ApiEntry, 'name'>): string {
  return `NDF_${api.name.toUpperCase().replaceAll('-', '_')}_URL`;
}

/** The catalog's entry of an API, by its name. */
export function apiEntry(name: string): ApiEntry {
  const entry = apis.find((api) => api.name === name);
  if (!entry) throw new Error(`The catalog has no API named "${name}".`);
  return entry;
}
