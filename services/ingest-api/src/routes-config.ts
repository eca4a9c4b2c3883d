import type { RouteConfig } from '@ndf/api-gateway-local';
import type { ApiEntry } from '@ndf/catalog';

/** The gateway's routes, as the cloud's: everything under the base path behind the JWT authorizer, but the catalog's public routes. */
export function gatewayRoutes(entry: Pick<ApiEntry, 'basePath' | 'publicRoutes'>): RouteConfig[] {
  return [
    { routeKey: `ANY ${entry.basePath}/{proxy+}` },
    ...entry.publicRoutes.map((route) => {
      const [method, path] = route.split(' ');
      return { routeKey: `${method} ${entry.basePath}${path}`, authorized: false };
    }),
  ];
}
