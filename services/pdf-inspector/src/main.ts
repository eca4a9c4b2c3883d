import { defineService, runService } from '@ndf/runtime';
import { config } from './config.js';
import { handle } from './handler.js';

await runService(defineService({ entry: config, dependencies: [], handle }));
