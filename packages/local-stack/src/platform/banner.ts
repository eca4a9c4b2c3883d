import type { Catalog } from '@ndf/catalog';
import { apiPort } from '../config.js';
import type { LocalStack } from '../stack.js';

/** What a developer needs once the platform is up: where everything is. */
export function banner(stack: LocalStack, catalog: Catalog, readyInMs: number, env: NodeJS.ProcessEnv = process.env): string {
  const apis = catalog.apis.map((api) => `  API ${api.name.padEnd(18)} http://127.0.0.1:${apiPort(api, env)}${api.basePath}`);
  const lines = [
    '',
    `✔ platform ready in ${(readyInMs / 1000).toFixed(1)} s: ${catalog.apis.length} API(s), ${catalog.routers.length} stream router(s), ${catalog.services.length} service(s) supervised`,
    ...(apis.length > 0 ? apis : ['  APIs                   none in the catalog yet']),
    `  mail catcher           ${stack.endpoints.mail}   (SMTP 127.0.0.1:${stack.endpoints.smtp.port})`,
    `  token issuer           ${stack.endpoints.issuer}   (JWKS ${stack.endpoints.jwks})`,
    `  a token                npm run token -- --tenant acme --user alice --roles employee`,
    `  DynamoDB               ${stack.endpoints.dynamodb}`,
    `  SQS                    ${stack.endpoints.sqs}`,
    `  S3                     ${stack.endpoints.s3}`,
    `  data                   ${stack.config.dataDir ?? 'in memory'}`,
    '  Ctrl-C stops everything.',
    '',
  ];
  return lines.join('\n');
}
