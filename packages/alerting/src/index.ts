export * from './alert-book.js';
export * from './breaches.js';
export * from './catalog-rules.js';
export * from './runbooks.js';
export type * from './types.js';
