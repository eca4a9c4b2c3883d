// The pieces every API document of the platform writes its operations with, so that the
// ingest and expense APIs answer refusals, the gateway's 401 and the deadline's 503 alike.

export const schema = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const json = (name: string) => ({ 'application/json': { schema: schema(name) } });
export const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: schema('Problem') } } });
export const response = (name: string, description: string, headers?: Record<string, unknown>) => ({
  description,
  ...(headers ? { headers } : {}),
  content: json(name),
});

export const retryAfter = { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer' } } };

/** Answers every authenticated operation may give: 401 (the gateway's), 403, 500, 503 with Retry-After. */
export const authenticatedAnswers = (descriptions: { readonly forbidden: string; readonly unavailable: string }) => ({
  '401': {
    description: 'No token, or one that is tampered, expired, for another audience or issuer (answered by the gateway).',
    content: json('GatewayMessage'),
  },
  '403': problem(descriptions.forbidden),
  '500': problem('A fault of the API; the request may be retried.'),
  '503': { ...problem(descriptions.unavailable), headers: retryAfter },
});

/** GET <base>/openapi.json: the document itself, without a token. */
export const openApiOperation = {
  get: {
    operationId: 'getOpenApi',
    summary: 'This document',
    security: [],
    responses: {
      '200': {
        description: 'The OpenAPI document.',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['openapi', 'paths'],
              properties: { openapi: { const: '3.1.0' }, paths: { type: 'object' } },
            },
          },
        },
      },
    },
  },
};

/** GET <base>/health: whether the API's stores answer, without a token. */
export const healthOperation = (summary: string, description: string) => ({
  get: {
    operationId: 'getHealth',
    summary,
    description,
    security: [],
    responses: {
      '200': response('Health', 'Every check passes.'),
      '503': { description: 'A check does not.', headers: retryAfter, content: json('Health') },
    },
  },
});

/** The top of an API's document: OAS 3.1 in JSON Schema 2020-12, every operation behind the bearer token unless it says otherwise. */
export const documentOf = <Schemas extends object, Paths extends object>(info: object, schemas: Schemas, paths: Paths) =>
  ({
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info,
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas,
    },
    paths,
  }) as const;
