/** The tenant claim operators' local tokens carry: the issuer requires one; the operator role reads no tenant's data. */
export const OPERATOR_TOKEN_TENANT = 'ndf-operators';
const SIGN_IN_LIFETIME_SECONDS = 8 * 3_600;

/** A fresh operator token from the local issuer, for `operator` (a name or an e-mail). */
export async function mintOperatorToken(options: { issuerUrl: string; operator: string }): Promise<string> {
  const email = options.operator.includes('@') ? options.operator : undefined;
  const user = options.operator.replace(/@.*$/, '');
  let response: Response;
  try {
    response = await fetch(`${options.issuerUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        tenant: OPERATOR_TOKEN_TENANT,
        user,
        roles: ['operator'],
        expiresInSeconds: SIGN_IN_LIFETIME_SECONDS,
        ...(email ? { email } : {}),
      }),
      signal: AbortSignal.timeout(3_000),
    });
  } catch {
    throw new Error(`no token issuer answers at ${options.issuerUrl}: start the platform first (npm start)`);
  }
  const body = (await response.json().catch(() => ({}))) as { token?: string; detail?: string };
  if (!response.ok || !body.token) throw new Error(`the token issuer refused: ${body.detail ?? response.status}`);
  return body.token;
}

/**
 * A link that signs a browser tab in to the console: a fresh operator token from the local
 * issuer, in the URL's fragment, which browsers never send to a server; the page moves it to
 * the tab's session storage and clears the fragment.
 */
export async function operatorSignInUrl(options: { issuerUrl: string; consoleUrl: string; operator: string }): Promise<string> {
  return `${options.consoleUrl}/#token=${await mintOperatorToken(options)}`;
}
