export { runOps, type OpsIo } from './main.js';
export { USAGE } from './usage.js';
