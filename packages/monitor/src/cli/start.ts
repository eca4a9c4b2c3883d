import { parseArgs } from 'node:util';
import { platformCommand } from '@ndf/local-stack';
import { platformMonitor } from '../platform/platform-monitor.js';

// `npm start`: the local platform with its monitor. The platform command lives in the local stack,
// which must not depend on the runtime (the runtime's tests use the local stack); the monitor reads
// the quarantine through the runtime, so the two meet here.
const { values } = parseArgs({ options: { 'in-memory': { type: 'boolean', default: false } } });

platformCommand({ inMemory: values['in-memory'] ?? false, observers: [platformMonitor()] }).catch((error: unknown) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
