export * from './convert.js';
export * from './dates.js';
export * from './ecb-csv.js';
export * from './errors.js';
export * from './rate.js';
export * from './rate-table.js';
export * from './rates-json.js';
export * from './rates-file.js';
export { divideRoundingHalfUp } from './rounding.js';
