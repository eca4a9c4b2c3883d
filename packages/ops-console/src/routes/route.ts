import type { IncomingMessage } from 'node:http';
import type { Operator } from '@ndf/runtime';

/** What an API route is given: the operator who asks, the URL, the path's named parts and the request (for its body). */
export interface RouteRequest {
  readonly operator: Operator;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly request: IncomingMessage;
}

export interface ApiRoute {
  readonly method: 'GET' | 'POST';
  /** A path with `:name` parts, each one path segment. */
  readonly path: string;
  handle(request: RouteRequest): Promise<unknown>;
}

/** The route for a method and path, with its named parts decoded; undefined when no path matches, 'method' when only the method is wrong. */
export function matchRoute(
  routes: readonly ApiRoute[],
  method: string,
  pathname: string,
): { route: ApiRoute; params: Record<string, string> } | 'method' | undefined {
  const segments = pathname.split('/');
  let pathMatched = false;
  for (const route of routes) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((part, index) => {
      const segment = segments[index]!;
      if (!part.startsWith(':')) return part === segment;
      if (segment === '') return false;
      params[part.slice(1)] = decodeURIComponent(segment);
      return true;
    });
    if (!matches) continue;
    if (route.method === method) return { route, params };
    pathMatched = true;
  }
  return pathMatched ? 'method' : undefined;
}
