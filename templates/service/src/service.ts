import { serviceEntry } from '@ndf/catalog';
import { defineService } from '@ndf/runtime';
import { handle } from './handler.js';

/**
 * __NAME__ as the platform runs it: its catalog entry (queue, limits, and what it touches, from
 * which its breakers come), and its handler. A service that needs clients bound to its tables or
 * a heavy resource adds `dependencies: (context) => ...`, built on its first message.
 */
export const service = defineService({ entry: serviceEntry('__NAME__'), handle });
