import { serviceEntry } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { reconcilerDependencies } from './dependencies.js';
import { handle } from './handler.js';

/** The reconciler: a tick from its schedule drives again what stopped short of a final state (see handler.ts). */
export const service = defineService({ entry: serviceEntry('reconciler'), dependencies: reconcilerDependencies, handle });
