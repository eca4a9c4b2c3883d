export { serviceClients, type ServiceClients } from './aws/clients.js';
export { PermanentError, TransientError } from './errors.js';
export { shutdownSignal } from './lifecycle/shutdown.js';
export { consumeQueue, type ConsumeOptions, type MessageContext } from './sqs/consume-queue.js';
export { runService, type ServiceHandler } from './service.js';
