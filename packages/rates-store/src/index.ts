export * from './awaiting.js';
export * from './load-rates.js';
export * from './rate-day-item.js';
export * from './read-days.js';
export * from './write-days.js';
export * from './rates-command.js';
export * from './rates-file-bytes.js';
