import { describe, expect, it } from 'vitest';
import { apiRoutes, apiUrlVariable, calledApis, catalog, serviceDependencies, serviceEntry } from '../src/index.js';

describe('apiRoutes', () => {
  it('puts everything under the base path behind the authorizer, but the public routes', () => {
    expect(apiRoutes({ basePath: '/v1', publicRoutes: ['GET /health', 'GET /openapi.json'] })).toEqual([
      { method: 'ANY', path: '/v1/{proxy+}', routeKey: 'ANY /v1/{proxy+}', authorized: true },
      { method: 'GET', path: '/v1/health', routeKey: 'GET /v1/health', authorized: false },
      { method: 'GET', path: '/v1/openapi.json', routeKey: 'GET /v1/openapi.json', authorized: false },
    ]);
  });

  it('gives every API of the catalog one guarded route and its public ones', () => {
    for (const api of catalog.apis) expect(apiRoutes(api).filter((route) => route.authorized)).toHaveLength(1);
  });

  it("gives a service that calls an API its address in NDF_<API>_URL, and no breaker for it: it calls it as the API's clients do", () => {
    expect(apiUrlVariable({ name: 'ingest-api' })).toBe('NDF_INGEST_API_URL');
    expect(calledApis(serviceEntry('canary'))).toEqual(['ingest-api']);
    expect(serviceDependencies(serviceEntry('canary'))).toEqual([]);
    expect(calledApis(serviceEntry('reconciler'))).toEqual([]);
  });
});
