import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { catalog, queueName, SCHEDULE_TICK } from '@ndf/catalog';
import type { CommandContext } from './command-context.js';
import { UsageError } from './usage.js';

const RECONCILER = 'reconciler';

/** `ops reconcile now`: the reconciler's tick, now, on the queue its schedule feeds (a run between two scheduled ones). */
export async function reconcileCommand(positionals: readonly string[], context: CommandContext): Promise<void> {
  if (positionals[0] !== 'now')
    throw new UsageError(positionals[0] ? `unknown reconcile command "${positionals[0]}"` : 'reconcile needs a command');
  const service = catalog.services.find((entry) => entry.name === RECONCILER);
  if (service?.consumes.kind !== 'schedule') throw new Error(`the catalog has no ${RECONCILER} fed by a schedule`);
  const name = queueName(context.target.prefix, service.name);
  const { sqs } = context.target.clients;
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
  const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(SCHEDULE_TICK) }));
  context.print({ queueName: name, messageId: MessageId }, () => `tick sent to ${name} (message ${MessageId})`);
}
