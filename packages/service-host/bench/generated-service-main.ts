// A generated service as its own process (the fleet benchmark's "one process per service"):
// its catalog entry comes in NDF_FLEET_ENTRY.
import type { ServiceEntry } from '@ndf/catalog';
import { runService } from '@ndf/runtime';
import { generatedService } from './generated-service.js';

await runService(generatedService(JSON.parse(process.env.NDF_FLEET_ENTRY ?? '') as ServiceEntry));
