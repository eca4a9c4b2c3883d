// Serves the very same handler over HTTP on 127.0.0.1:$PORT through the API Gateway stand-in,
// with the local token issuer as the JWT authorizer's issuer. `npm start` runs it. Local only:
// it lives outside src/, so that the Lambda's code never reaches the emulator.
import { startApiGatewayLocal } from '@ndf/api-gateway-local';
import { apiRoutes } from '@ndf/catalog';
import { API_NAME, ingestApiEntry, ingestConfig } from '../src/config.js';
import { handler } from '../src/handler.js';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: start the ingest API through the platform (npm start), which sets it.`);
  return value;
}

const port = Number(required('PORT'));
const gateway = await startApiGatewayLocal({
  port,
  handler,
  name: `the ${API_NAME} (PORT)`,
  routes: apiRoutes(ingestApiEntry()),
  authorizer: { issuer: required('NDF_JWT_ISSUER'), audience: [required('NDF_JWT_AUDIENCE')], jwksUrl: required('NDF_JWKS_URL') },
});
console.log(`${API_NAME} listening on ${gateway.endpoint}${ingestConfig().basePath}`);

const stop = () => void gateway.stop().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
