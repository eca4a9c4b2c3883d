import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';

export interface GatewayEventOptions {
  readonly headers?: Record<string, string>;
  /** Sent as JSON, with its content type. */
  readonly body?: unknown;
  readonly requestId?: string;
  readonly timeEpoch?: number;
  readonly user?: string;
  /** The token's groups; employee unless told. */
  readonly roles?: readonly string[];
  /** Whether the JWT authorizer passed it (a public route has no authorizer context). */
  readonly authorized?: boolean;
}

/** A payload 2.0 event as API Gateway sends it (after its JWT authorizer), for calling an API's handler directly. */
export function gatewayEvent(method: string, path: string, options: GatewayEventOptions = {}): APIGatewayProxyEventV2WithJWTAuthorizer {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const timeEpoch = options.timeEpoch ?? Date.now();
  return {
    version: '2.0',
    routeKey: 'ANY /v1/{proxy+}',
    rawPath: path,
    rawQueryString: '',
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: options.requestId ?? `direct-${timeEpoch}`,
      routeKey: 'ANY /v1/{proxy+}',
      stage: '$default',
      time: new Date(timeEpoch).toUTCString(),
      timeEpoch,
      ...(options.authorized === false
        ? {}
        : {
            authorizer: {
              jwt: {
                claims: {
                  sub: options.user ?? 'mila',
                  'custom:tenant': 'acme',
                  'cognito:groups': `[${(options.roles ?? ['employee']).join(' ')}]`,
                },
                scopes: null,
              },
            },
          }),
    } as APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'],
  };
}
