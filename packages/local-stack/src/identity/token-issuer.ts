import { SignJWT } from 'jose';
import { LOOPBACK } from '../net/ports.js';
import { idTokenClaims, validateMintRequest } from './claims.js';
import { startIssuerHttp } from './issuer-http.js';
import { SIGNING_ALGORITHM, loadOrCreateSigningKey } from './signing-key.js';

/** The app client id the local web app presents, standing in for the Cognito one. */
export const DEFAULT_AUDIENCE = 'ndf-local-app';

export interface TokenIssuerOptions {
  readonly port: number;
  /** Keeps the signing key here so tokens survive a restart; without it the key lives in memory. */
  readonly keyDirectory?: string | undefined;
  readonly audience?: string | undefined;
}

export interface MintClaims {
  readonly tenant: string;
  readonly user: string;
  readonly roles: readonly string[];
  readonly email?: string | undefined;
  readonly expiresInSeconds?: number | undefined;
}

export interface TokenIssuer {
  /** `http://127.0.0.1:PORT`, the `iss` of every token. */
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly audience: string;
  /** A signed ID token shaped like Cognito's; rejects with InvalidMintRequestError on bad claims. */
  mint(claims: MintClaims): Promise<string>;
  stop(): Promise<void>;
}

/** Stands in for the Cognito user pool: signs ID tokens and publishes the key that verifies them. */
export async function startTokenIssuer(options: TokenIssuerOptions): Promise<TokenIssuer> {
  const key = await loadOrCreateSigningKey(options.keyDirectory);
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  // The issuer URL depends on the bound port, known only once listening.
  let issuer = `http://${LOOPBACK}:${options.port}`;

  const mint = (input: unknown): Promise<string> => {
    const request = validateMintRequest(input);
    const claims = idTokenClaims(request, { issuer, audience, nowSeconds: Math.floor(Date.now() / 1000) });
    return new SignJWT(claims).setProtectedHeader({ alg: SIGNING_ALGORITHM, kid: key.kid }).sign(key.privateKey);
  };

  const http = await startIssuerHttp({
    port: options.port,
    endpoints: {
      jwks: () => ({ keys: [key.publicJwk] }),
      openidConfiguration: () => ({
        issuer,
        jwks_uri: `${issuer}/.well-known/jwks.json`,
        id_token_signing_alg_values_supported: [SIGNING_ALGORITHM],
      }),
      mint,
    },
  });
  issuer = `http://${LOOPBACK}:${http.port}`;

  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    audience,
    mint: async (claims) => mint(claims),
    stop: () => http.stop(),
  };
}
