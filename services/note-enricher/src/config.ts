import { catalog, findService } from '@ndf/catalog';

/** This service's wiring, limits and alarms: its entry in the catalog. */
export const config = findService(catalog, 'note-enricher');
