import { apiRoutes, type ApiEntry } from '@ndf/catalog';
import { startApiGatewayLocal, type LambdaHandler } from './server.js';

function required(env: NodeJS.ProcessEnv, name: string, api: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} is not set: start the ${api} through the platform (npm start), which sets it.`);
  return value;
}

/**
 * Serves an API's very handler over HTTP on 127.0.0.1:$PORT, with the routes of its catalog
 * entry, the local token issuer as the JWT authorizer's issuer (NDF_JWT_ISSUER, NDF_JWT_AUDIENCE,
 * NDF_JWKS_URL), until SIGTERM or SIGINT. What each API's `local/serve.ts` runs under `npm start`.
 */
export async function serveApiLocally(entry: ApiEntry, handler: LambdaHandler, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const gateway = await startApiGatewayLocal({
    port: Number(required(env, 'PORT', entry.name)),
    handler,
    name: `the ${entry.name} (PORT)`,
    routes: apiRoutes(entry),
    authorizer: {
      issuer: required(env, 'NDF_JWT_ISSUER', entry.name),
      audience: [required(env, 'NDF_JWT_AUDIENCE', entry.name)],
      jwksUrl: required(env, 'NDF_JWKS_URL', entry.name),
    },
  });
  console.log(`${entry.name} listening on ${gateway.endpoint}${entry.basePath}`);
  const stop = () => void gateway.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
