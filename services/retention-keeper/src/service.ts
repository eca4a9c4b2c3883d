import { serviceEntry } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { retentionDependencies } from './dependencies.js';
import { handle } from './handler.js';

/** The retention keeper: a tick from its schedule drives erasures, seals the index of originals and expires what the law no longer keeps (see handler.ts). */
export const service = defineService({ entry: serviceEntry('retention-keeper'), dependencies: retentionDependencies, handle });
