import { catalog, findService } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { handle } from './handler.js';

export const service = defineService({ entry: findService(catalog, '__NAME__'), handle });
