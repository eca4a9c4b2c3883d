import type { ServiceEntry } from './types.js';

// One entry per service of services/<name>. `pnpm new:service <name>` adds the entry and
// the folder; the local stack and the CDK app derive queues, DLQs, roles and alarms from it.
export const services: readonly ServiceEntry[] = [
  // new services are added above this line by `pnpm new:service`
];
