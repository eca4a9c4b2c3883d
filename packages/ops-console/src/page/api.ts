const TOKEN_KEY = 'ndf-ops-console-token';

/** Takes a token handed over in the URL's fragment (never sent to a server) into this tab's session storage, and clears the fragment. */
export function adoptTokenFromFragment(): void {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  history.replaceState(null, '', location.pathname + location.search);
}

export const forgetToken = (): void => sessionStorage.removeItem(TOKEN_KEY);

export const signedIn = (): boolean => sessionStorage.getItem(TOKEN_KEY) !== null;

export function operatorName(): string | undefined {
  const token = sessionStorage.getItem(TOKEN_KEY);
  try {
    const claims = JSON.parse(atob(token!.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { email?: string; sub?: string };
    return claims.email ?? claims.sub;
  } catch {
    return undefined;
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** A call to the console's API with the operator's token; a refusal becomes an ApiError with the problem's detail. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}` };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const body = (await response.json().catch(() => ({}))) as { detail?: string };
  if (!response.ok) throw new ApiError(response.status, body.detail ?? `${response.status} ${response.statusText}`);
  return body as T;
}
