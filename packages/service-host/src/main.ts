// A host process: the supervisor spawns it with an IPC channel and sends it which units to
// start and halt (see HostCommand). SIGTERM drains every unit, then the process exits.
import { setMaxListeners } from 'node:events';
import type { HostCommand, HostReport } from '@ndf/local-stack';
import { shutdownSignal } from '@ndf/runtime';
import { ServiceHost } from './service-host.js';

if (!process.send) throw new Error('The service host runs under the supervisor, which talks to it over IPC (npm start).');

const shutdown = shutdownSignal();
// Every unit listens to the one shutdown signal.
setMaxListeners(0, shutdown);
const host = new ServiceHost((report: HostReport) => process.send?.(report), shutdown);
process.on('message', (command: HostCommand) => host.handle(command));
process.send({ type: 'ready' } satisfies HostReport);
shutdown.addEventListener('abort', () => void host.stopped().then(() => process.exit(0)), { once: true });
