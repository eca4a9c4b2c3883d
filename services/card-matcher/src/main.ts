import { runService } from '@ndf/runtime';
import { service } from './service.js';

await runService(service);
