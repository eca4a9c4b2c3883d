import { queueName, type ServiceEntry } from '@ndf/catalog';
import { serviceClients, type ServiceClients } from './aws/clients.js';
import { shutdownSignal } from './lifecycle/shutdown.js';
import { consumeQueue, type MessageContext } from './sqs/consume-queue.js';

export type ServiceHandler = (body: string, context: MessageContext & { readonly clients: ServiceClients }) => Promise<void>;

/** The entry point of a queue-fed service: consume its catalog queue until asked to stop. */
export async function runService(entry: ServiceEntry, handler: ServiceHandler, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const clients = serviceClients(env);
  const signal = shutdownSignal();
  const log = (event: Record<string, unknown>) => console.log(JSON.stringify({ service: entry.name, time: new Date().toISOString(), ...event }));
  log({ event: 'started' });
  await consumeQueue({
    sqs: clients.sqs,
    queueName: queueName(env.NDF_PREFIX ?? 'ndf-', entry.name),
    deadlineMs: entry.limits.deadlineMs,
    concurrency: entry.limits.concurrency,
    handle: (body, context) => handler(body, { ...context, clients }),
    signal,
    log,
  });
  log({ event: 'stopped' });
}
