import type { RouteConfig } from '@ndf/api-gateway-local';

/** The gateway's routes: everything under the base path behind the JWT authorizer, but health and the contract. */
export function gatewayRoutes(basePath: string): RouteConfig[] {
  return [
    { routeKey: `ANY ${basePath}/{proxy+}` },
    { routeKey: `GET ${basePath}/health`, authorized: false },
    { routeKey: `GET ${basePath}/openapi.json`, authorized: false },
  ];
}
