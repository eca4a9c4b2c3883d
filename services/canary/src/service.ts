import { serviceEntry } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { canaryDependencies } from './dependencies.js';
import { handle } from './handler.js';

/** The canary: each tick of its schedule starts runs of the receipt chain as a synthetic tenant's employee (see handler.ts). */
export const service = defineService({ entry: serviceEntry('canary'), dependencies: canaryDependencies, handle });
