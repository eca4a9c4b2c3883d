import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { lastOverdueDate } from '@ndf/card-statements';
import { tenantScope } from '@ndf/contracts';
import { parseScheduleTick, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { cardHolders, type SettingsCache } from '@ndf/tenant-settings';
import { cardTenants, markReminded, unremindedOverdue } from './overdue-payments.js';

export const SERVICE = 'card-reminder';
const DAY_MS = 86_400_000;

export interface ReminderDependencies {
  readonly dynamodb: DynamoDBClient;
  readonly notesTable: string;
  readonly settings: SettingsCache;
  readonly now: () => Date;
}

/**
 * On each tick, for each tenant with card payments: those made `reminderAfterDays` (its CARDS
 * settings) or more before today and still without a note with a receipt are reminded to their
 * holder, once (`remindedAt`, a conditional write). No employee mail address is known to the
 * platform yet, so the reminder is a structured log event (`card-payment-reminder`) with what
 * a mail would say; a payment of a card nobody holds is logged for the finance team instead.
 */
export async function handle(
  message: InboundMessage,
  context: Pick<ServiceContext<'dynamodb'>, 'call' | 'log'>,
  dependencies: ReminderDependencies,
): Promise<void> {
  parseScheduleTick(message.body);
  const { dynamodb, notesTable } = dependencies;
  const now = dependencies.now();
  const today = now.toISOString().slice(0, 10);
  const tenants = await context.call('dynamodb', (signal) => cardTenants(dynamodb, notesTable, signal));
  let reminded = 0;
  for (const tenant of tenants) {
    const scope = tenantScope({ tenant, user: SERVICE, roles: [] });
    const cards = (await context.call('dynamodb', (signal) => dependencies.settings.read(scope, 'CARDS', signal))).value;
    const holders = cardHolders(cards);
    const upTo = lastOverdueDate(today, cards.reminderAfterDays);
    const due = await context.call('dynamodb', (signal) => unremindedOverdue(dynamodb, notesTable, scope, upTo, signal));
    for (const transaction of due) {
      const marked = await context.call('dynamodb', (signal) =>
        markReminded(dynamodb, notesTable, scope, transaction, now.toISOString(), signal),
      );
      if (!marked) continue;
      reminded += 1;
      const holder = transaction.holder ?? (transaction.cardLast4 === undefined ? undefined : holders[transaction.cardLast4]);
      context.log.info({
        event: holder === undefined ? 'card-payment-overdue-without-holder' : 'card-payment-reminder',
        tenant,
        ...(holder === undefined ? {} : { holder }),
        transactionId: transaction.transactionId,
        date: transaction.date,
        amount: transaction.amount,
        merchant: transaction.merchant,
        ...(transaction.matchedNoteId === undefined ? {} : { noteId: transaction.matchedNoteId }),
        days: Math.floor((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${transaction.date}T00:00:00Z`)) / DAY_MS),
      });
    }
  }
  if (reminded > 0) context.log.info({ event: 'card-reminders-sent', tenants: tenants.length, reminded });
}
