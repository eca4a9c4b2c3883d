export { localAwsClients, type AwsClients, type AwsEndpoints } from './aws-clients.js';
export {
  DEFAULT_PORTS,
  PORT_VARIABLES,
  apiPortVariable,
  configFromEnvironment,
  ephemeralConfig,
  type StackConfig,
  type StackPorts,
} from './config.js';
export { freePort, assertPortFree, PortInUseError, LOOPBACK } from './net/ports.js';
export { waitUntil } from './net/wait-until.js';
export { provision, type ProvisionResult } from './provision/provision.js';
export { stackTokenChecks, startLocalStack, type LocalStack, type LocalStackEndpoints } from './stack.js';
export { laptopAwsEnvironment, stackEnvironment } from './stack-environment.js';
export type { MintClaims } from './identity/index.js';
export { Supervisor, type ProcessSpec, type ProcessStatus, type SupervisorEvent } from './supervisor/supervisor.js';
export type { HostCommand, HostReport, HostedUnit } from './supervisor/host-protocol.js';
export { restartDelayMs, type RestartPolicy } from './supervisor/restart-delay.js';
export { paths } from './paths.js';
export { bundleProcesses, type BundledProcesses } from './platform/bundle.js';
export { startSqsEmulator, type RunningSqsEmulator } from './emulators/sqs-emulator.js';
export {
  SERVICE_HOST,
  localServiceEnvironment,
  platformProcesses,
  serviceDefinitionModule,
  serviceHostSpec,
  sharesProcessLocally,
  type PlatformOptions,
} from './platform/processes.js';
export { descendants } from './platform/process-tree.js';
export { LogStore, type LogStoreOptions } from './logs/log-store.js';
export { processLogEnvironment, processOutput, type ProcessOutputOptions } from './platform/process-output.js';
export { platformCommand, type PlatformCommandOptions } from './cli/platform-command.js';
export type { PlatformContext, PlatformObserver, PlatformObserverFactory } from './platform/platform-observer.js';
export { platformEventHandler, type PlatformConsole } from './platform/platform-events.js';
