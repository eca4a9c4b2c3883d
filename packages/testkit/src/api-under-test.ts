import { apiRoutes, type ApiEntry } from '@ndf/catalog';
import { startApiGatewayLocal, type ApiGatewayLocal, type LambdaHandler } from '@ndf/api-gateway-local';
import { contractViolation, type Answer, type Contract } from '@ndf/http-api';
import { stackTokenChecks } from '@ndf/local-stack';
import type { SharedStack } from '@ndf/local-stack/testing';

export interface CallOptions {
  readonly token?: string | undefined;
  readonly body?: unknown;
  /** Sent as is, instead of JSON. */
  readonly rawBody?: string | Buffer;
  readonly headers?: Record<string, string>;
}

export interface TokenClaims {
  readonly tenant?: string;
  readonly user?: string;
  readonly roles?: string[];
  readonly expiresInSeconds?: number;
}

/** An API's handler behind the local gateway, as its clients call it. */
export interface ApiUnderTest<Template extends string> {
  readonly gateway: ApiGatewayLocal;
  /** An ID token from the stack's issuer: tenant acme, user alice, role employee unless told. */
  token(claims?: TokenClaims): Promise<string>;
  /** A request through the gateway; throws unless its answer is one the contract's document declares, as it declares it. */
  call(method: string, template: Template, path: string, options?: CallOptions): Promise<Answer>;
  stop(): Promise<void>;
}

/** Serves `handler` through the local gateway with the routes of its catalog entry, behind the stack's token issuer. */
export async function startApiUnderTest<Template extends string>(options: {
  readonly stack: SharedStack;
  readonly entry: ApiEntry;
  readonly handler: LambdaHandler;
  readonly contract: Contract;
}): Promise<ApiUnderTest<Template>> {
  const { stack } = options;
  const gateway = await startApiGatewayLocal({
    port: 0,
    handler: options.handler,
    routes: apiRoutes(options.entry),
    authorizer: stackTokenChecks(stack),
  });
  return {
    gateway,
    token: (claims = {}) =>
      stack.issuer.mint({
        tenant: claims.tenant ?? 'acme',
        user: claims.user ?? 'alice',
        roles: claims.roles ?? ['employee'],
        ...(claims.expiresInSeconds ? { expiresInSeconds: claims.expiresInSeconds } : {}),
      }),
    async call(method, template, path, call = {}) {
      const headers: Record<string, string> = { ...(call.token ? { authorization: `Bearer ${call.token}` } : {}) };
      let body: string | Buffer | undefined;
      if (call.rawBody !== undefined) body = call.rawBody;
      else if (call.body !== undefined) {
        body = JSON.stringify(call.body);
        headers['content-type'] = 'application/json';
      }
      const response = await fetch(`${gateway.endpoint}${path}`, { method, headers: { ...headers, ...call.headers }, body });
      const text = await response.text();
      // JSON answers are parsed; any other (a CSV export) is checked and returned as its text.
      const isJson = /json/.test(response.headers.get('content-type') ?? 'json');
      const parsed = text === '' ? undefined : isJson ? (JSON.parse(text) as unknown) : text;
      const answer = { status: response.status, headers: response.headers, body: parsed };
      const violation = contractViolation(options.contract, answer, method, template);
      if (violation !== undefined) throw new Error(violation);
      return answer;
    },
    stop: () => gateway.stop(),
  };
}
