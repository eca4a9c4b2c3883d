import type { ApiEntry } from './types.js';

// The HTTP APIs (Lambda behind API Gateway in the cloud). Each is served locally by the
// adapter that builds API Gateway's events.
export const apis: readonly ApiEntry[] = [
  // new APIs are added above this line
];
