import { runService } from '@ndf/runtime';
import { config } from './config.js';
import { handle } from './handler.js';

await runService(config, (body, context) => handle(body, { now: () => new Date(), signal: context.signal }));
