export * from './alert-book.js';
export * from './breaches.js';
export * from './catalog-rules.js';
export * from './runbooks.js';
export type * from './types.js';
export type * from './read-model.js';
export { MONITOR_ROUTES, componentFlow } from './read-model.js';
