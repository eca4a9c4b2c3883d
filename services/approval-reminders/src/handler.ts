import { parseScheduleTick, type InboundMessage } from '@ndf/runtime';
import { dueApprovals } from './due-approvals.js';
import { remindRound, type Context, type RemindersDependencies } from './remind-round.js';

/**
 * On each tick: the rounds of approval due a reminder or an escalation (from the APPROVAL_DUE
 * index, never a scan), each reminded, escalated or forgotten (see remindRound). One round that
 * cannot be handled is logged and left for the next tick; only when every one fails (an outage)
 * does the tick fail, so that its breaker sees it.
 */
export async function handle(message: InboundMessage, context: Context, dependencies: RemindersDependencies): Promise<void> {
  parseScheduleTick(message.body);
  const due = await context.call('dynamodb', (signal) =>
    dueApprovals(dependencies.dynamodb, dependencies.notesTable, { now: dependencies.now(), limit: dependencies.perShard }, signal),
  );
  let reminded = 0;
  let escalated = 0;
  const errors: unknown[] = [];
  for (const item of due) {
    try {
      const outcome = await remindRound(context, dependencies, item);
      reminded += outcome.reminded;
      if (outcome.escalatedTo.length > 0) escalated += 1;
    } catch (error) {
      errors.push(error);
      context.log.warn({ event: 'reminder-failed', tenant: item.tenant, noteId: item.noteId, error: String(error) });
    }
  }
  if (reminded > 0) context.metrics.increment('approval_reminders_sent', reminded);
  if (escalated > 0) context.metrics.increment('approval_escalations', escalated);
  if (due.length > 0) context.log.info({ event: 'approvals-looked-at', due: due.length, reminded, escalated, errors: errors.length });
  if (errors.length > 0 && errors.length === due.length) throw errors[0];
}
