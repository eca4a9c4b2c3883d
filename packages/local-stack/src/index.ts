export { localAwsClients, type AwsClients, type AwsEndpoints } from './aws-clients.js';
export { DEFAULT_PORTS, configFromEnvironment, type StackConfig, type StackPorts } from './config.js';
export { freePort, assertPortFree, PortInUseError, LOOPBACK } from './net/ports.js';
export { waitUntil } from './net/wait-until.js';
export { provision, type ProvisionResult } from './provision/provision.js';
export { startLocalStack, type LocalStack, type LocalStackEndpoints } from './stack.js';
export { Supervisor, type ProcessSpec, type ProcessStatus, type SupervisorEvent } from './supervisor/supervisor.js';
export { restartDelayMs, type RestartPolicy } from './supervisor/restart-delay.js';
export { paths } from './paths.js';
