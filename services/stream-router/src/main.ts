import { runStreamService } from '@ndf/runtime';
import { config, subscriptions } from './config.js';
import { routerService } from './service.js';

await runStreamService(routerService(config, subscriptions));
