import { parseArgs } from 'node:util';
import type { MonitorReadModel } from '@ndf/alerting';
import { platformCommand } from '@ndf/local-stack';
import { platformMonitor } from '../platform/platform-monitor.js';
import { platformOpsConsole } from '../platform/platform-ops-console.js';

// `npm start`: the local platform with its monitor and ops console. The platform command lives in
// the local stack, which must not depend on the runtime (the runtime's tests use the local stack);
// the monitor and the console read the quarantine through the runtime, so they meet here.
const { values } = parseArgs({ options: { 'in-memory': { type: 'boolean', default: false } } });

let readModel: MonitorReadModel | undefined;
const monitor = platformMonitor({ onStarted: (started) => (readModel = started.readModel) });
const opsConsole = platformOpsConsole(() => {
  if (!readModel) throw new Error('The ops console starts after the monitor, whose read model it serves.');
  return readModel;
});

platformCommand({ inMemory: values['in-memory'] ?? false, observers: [monitor, opsConsole] }).catch((error: unknown) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
