/** A route of an HTTP API, by its route key: `GET /v1/notes/{id}`, `ANY /v1/{proxy+}` or `$default`. */
export interface RouteConfig {
  readonly routeKey: string;
  /** Whether the JWT authorizer guards it (true by default). */
  readonly authorized?: boolean;
}

export interface RouteMatch {
  readonly routeKey: string;
  readonly authorized: boolean;
  readonly pathParameters: Record<string, string> | undefined;
}

interface CompiledRoute {
  readonly routeKey: string;
  readonly authorized: boolean;
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  /** Higher wins: exact paths over parameters over greedy ones, a method over ANY. */
  readonly rank: number;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function compile(route: RouteConfig): CompiledRoute {
  const authorized = route.authorized ?? true;
  if (route.routeKey === '$default') return { routeKey: '$default', authorized, method: 'ANY', pattern: /^/, names: [], rank: -1 };
  const [method, path] = route.routeKey.split(' ');
  if (!method || !path?.startsWith('/'))
    throw new Error(`"${route.routeKey}" is not a route key ("METHOD /path", "ANY /path/{proxy+}" or "$default").`);
  const names: string[] = [];
  let rank = 0;
  const source = path
    .split('/')
    .map((segment) => {
      const greedy = /^\{(\w+)\+\}$/.exec(segment);
      if (greedy) {
        names.push(greedy[1]!);
        return '(.+)';
      }
      const parameter = /^\{(\w+)\}$/.exec(segment);
      if (parameter) {
        names.push(parameter[1]!);
        rank += 1;
        return '([^/]+)';
      }
      rank += 3;
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const hasGreedy = path.includes('+}');
  return {
    routeKey: route.routeKey,
    authorized,
    method: method.toUpperCase(),
    pattern: new RegExp(`^${source}$`),
    names,
    rank: rank * 2 + (hasGreedy ? 0 : 1) + (method === 'ANY' ? 0 : 0.5),
  };
}

/** Picks the route API Gateway would: the most specific path, a named method before ANY, $default last. */
export function routeMatcher(routes: readonly RouteConfig[]): (method: string, rawPath: string) => RouteMatch | undefined {
  const compiled = routes.map(compile).sort((a, b) => b.rank - a.rank);
  return (method, rawPath) => {
    for (const route of compiled) {
      if (route.method !== 'ANY' && route.method !== method) continue;
      const match = route.pattern.exec(rawPath);
      if (!match) continue;
      const pathParameters =
        route.names.length === 0 ? undefined : Object.fromEntries(route.names.map((name, index) => [name, decode(match[index + 1]!)]));
      return { routeKey: route.routeKey, authorized: route.authorized, pathParameters };
    }
    return undefined;
  };
}
