export { serviceClients, type ServiceClients } from './aws/clients.js';
export { PermanentError, TransientError } from './errors.js';
export { parseScheduleTick, type ScheduleTick } from './schedule-tick.js';
export { createOnce, type Once } from './effects/index.js';
export { shutdownSignal } from './lifecycle/shutdown.js';
export { untilAborted, wait } from './lifecycle/wait.js';
export * from './observability/index.js';
export * from './quarantine/index.js';
export * from './resilience/index.js';
export { Emitter, type Emit, type EmitOptions } from './sqs/emitter.js';
export { SqsConsumer, type HandlerContext, type InboundMessage, type MessageHandler, type SqsConsumerOptions } from './sqs/sqs-consumer.js';
export {
  defineService,
  runService,
  startService,
  type QuarantineHookContext,
  type QueueServiceDefinition,
  type ServiceContext,
  type ServiceDefinition,
} from './service.js';
export {
  lazyDependencies,
  type CallDependency,
  type DependencyContext,
  type DependencyFactory,
  type LazyDependencies,
} from './dependencies.js';
export { runUntilStopped, startShell, type RunOptions, type RunningService, type Shell, type ShellWork } from './shell.js';
export * from './stream/index.js';
export { defineStreamService, startStreamService, type StreamBatchContext, type StreamServiceDefinition } from './stream-service.js';
