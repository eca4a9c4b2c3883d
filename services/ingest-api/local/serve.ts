// Serves the very same handler over HTTP through the API Gateway stand-in. `npm start` runs it.
// Local only: it lives outside src/, so that the Lambda's code never reaches the emulator.
import { serveApiLocally } from '@ndf/api-gateway-local';
import { ingestApiEntry } from '../src/config.js';
import { handler } from '../src/handler.js';

await serveApiLocally(ingestApiEntry(), handler);
