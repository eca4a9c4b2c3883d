import { catalog, findRouter, streamSubscriptions } from '@ndf/catalog';

/** This router's table, batch size, retries and deadline: its entry in the catalog. */
export const config = findRouter(catalog, 'stream-router');

/** Who gets which changes of that table. */
export const subscriptions = streamSubscriptions(catalog, config.table);
