export { serviceClients, type ServiceClients } from './aws/clients.js';
export { PermanentError, TransientError } from './errors.js';
export { createOnce, type Once } from './effects/index.js';
export { shutdownSignal } from './lifecycle/shutdown.js';
export * from './observability/index.js';
export * from './quarantine/index.js';
export * from './resilience/index.js';
export { SqsConsumer, type HandlerContext, type InboundMessage, type MessageHandler, type SqsConsumerOptions } from './sqs/sqs-consumer.js';
export { defineService, runService, startService, type RunOptions, type RunningService, type ServiceContext, type ServiceDefinition } from './service.js';
