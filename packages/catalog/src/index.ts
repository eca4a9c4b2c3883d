import { apis } from './apis.js';
import { buckets } from './buckets.js';
import { routers } from './routers.js';
import { services } from './services.js';
import { tables } from './tables.js';
import type { Catalog } from './types.js';

export type * from './types.js';
export * from './access.js';
export * from './api-routes.js';
export * from './dependencies.js';
export * from './deployment.js';
export * from './naming.js';
export * from './observability.js';
export * from './queue-settings.js';
export * from './runbooks.js';
export * from './schedule.js';
export * from './validate.js';
export * from './wiring.js';

/** The platform as it is: every table, bucket, API, service and stream router. */
export const catalog: Catalog = { tables, buckets, apis, services, routers };
