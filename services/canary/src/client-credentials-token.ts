import type { IssuedToken } from './issued-token.js';

export interface ClientCredentials {
  /** The user pool domain's token endpoint: https://<domain>.auth.<region>.amazoncognito.com/oauth2/token. */
  readonly tokenUrl: string;
  readonly clientId: string;
  /** The app client's secret, which ECS reads from Secrets Manager into the task's environment. */
  readonly clientSecret: string;
}

/**
 * The cloud's token source: the canary's own Cognito app client, by the OAuth client credentials
 * grant. Cognito gives such a client an access token; the user pool's pre-token-generation trigger
 * adds the synthetic tenant and the employee group to it, as an employee's ID token carries them
 * (see the canary's README).
 */
export class ClientCredentialsTokens {
  constructor(private readonly credentials: ClientCredentials) {}

  readonly issue = async (signal: AbortSignal): Promise<IssuedToken> => {
    const { tokenUrl, clientId, clientSecret } = this.credentials;
    const requestedAt = Date.now();
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
      signal,
    });
    if (!response.ok) throw new Error(`The token endpoint answered ${response.status}: ${await response.text()}`);
    const { access_token: token, expires_in: expiresIn } = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!token || typeof expiresIn !== 'number') throw new Error('The token endpoint answered without access_token and expires_in.');
    return { token, expiresAt: requestedAt + expiresIn * 1000 };
  };
}
