import { ConditionalCheckFailedException, GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  APPROVAL_WORKFLOW,
  approvalDueIndexAttributes,
  noteKey,
  stageKey,
  tenantScope,
  type ApprovalDueItem,
  type ApprovalItem,
  type ApprovalRoutingOutcome,
  type NoteItem,
  type StageItem,
  type TenantScope,
} from '@ndf/contracts';
import {
  approvalItemOf,
  deleteRoundItem,
  escalationIsDue,
  nextDueAt,
  putRoundItemIfAbsent,
  readNoteApprovals,
  reminderPeriod,
} from '@ndf/note-workflow';
import type { ServiceContext } from '@ndf/runtime';
import { approversOrDefault, type SettingsCache } from '@ndf/tenant-settings';

export interface RemindersDependencies {
  readonly dynamodb: DynamoDBClient;
  readonly notesTable: string;
  readonly settings: SettingsCache;
  readonly now: () => Date;
  /** Due items looked at per shard and tick. */
  readonly perShard: number;
}

export type Context = Pick<ServiceContext<'dynamodb'>, 'call' | 'log' | 'metrics'>;

export type RoundOutcome = { readonly reminded: number; readonly escalatedTo: readonly string[]; readonly stale: boolean };

const conditionFailed = (error: unknown) => error instanceof ConditionalCheckFailedException;

async function getItem<T>(context: Context, dependencies: RemindersDependencies, key: { pk: string; sk: string }): Promise<T | undefined> {
  const { Item } = await context.call('dynamodb', (signal) =>
    dependencies.dynamodb.send(new GetItemCommand({ TableName: dependencies.notesTable, Key: marshall(key), ConsistentRead: true }), {
      abortSignal: signal,
    }),
  );
  return Item ? (unmarshall(Item) as T) : undefined;
}

/** Records the period's reminder on the approver's item, once: false when this period's was recorded already (or the item is gone). */
async function recordReminder(context: Context, dependencies: RemindersDependencies, item: ApprovalItem, period: number, at: Date) {
  try {
    await context.call('dynamodb', (signal) =>
      dependencies.dynamodb.send(
        new UpdateItemCommand({
          TableName: dependencies.notesTable,
          Key: marshall({ pk: item.pk, sk: item.sk }),
          UpdateExpression: 'SET remindedAt = :at, remindedPeriod = :period',
          ConditionExpression: 'noteVersion = :version AND (attribute_not_exists(remindedPeriod) OR remindedPeriod < :period)',
          ExpressionAttributeValues: marshall({ ':at': at.toISOString(), ':period': period, ':version': item.noteVersion }),
        }),
        { abortSignal: signal },
      ),
    );
    return true;
  } catch (error) {
    if (conditionFailed(error)) return false;
    throw error;
  }
}

/** Who an escalation adds: the next level's approvers as the routing recorded them, or past the last level the tenant's admins; never the owner nor one already asked. */
function escalationTargets(
  due: ApprovalDueItem,
  routing: ApprovalRoutingOutcome | undefined,
  admins: readonly string[],
  asked: ReadonlySet<string>,
) {
  const next = routing?.decision === 'awaiting_approval' ? routing.levels[due.level]?.approvers : undefined;
  return [...new Set(next ?? admins)].filter((user) => user !== due.owner && !asked.has(user));
}

/**
 * One note's round past its due instant: each approver not yet reminded for the current
 * reminder period is reminded (recorded on their APPROVAL item, then logged: the platform has no
 * mail path to employees yet), the round escalated once past the escalation days, and the due
 * item moved to the next instant something is due. A round the note has left is forgotten.
 */
export async function remindRound(context: Context, dependencies: RemindersDependencies, due: ApprovalDueItem): Promise<RoundOutcome> {
  const { dynamodb, notesTable } = dependencies;
  const scope: TenantScope = tenantScope({ tenant: due.tenant, user: 'approval-reminders', roles: [] });
  const now = dependencies.now();
  const note = await getItem<NoteItem>(context, dependencies, noteKey(scope, due.noteId));
  if (note?.status !== 'awaiting_approval' || note.version !== due.noteVersion || (note.approvalLevel ?? 1) !== due.level) {
    // The workflow removes it with the round's items; this one slipped between (or the note is gone).
    await context.call('dynamodb', (signal) => deleteRoundItem(dynamodb, notesTable, due, due.noteVersion, signal));
    return { reminded: 0, escalatedTo: [], stale: true };
  }
  const approvers = await context.call('dynamodb', (signal) => approversOrDefault(dependencies.settings, scope, signal));
  if (approvers.problems) context.log.error({ event: 'approvers-invalid', tenant: due.tenant, problems: approvers.problems });
  const settings = approvers.value;
  const { approvals } = await context.call('dynamodb', (signal) => readNoteApprovals(dynamodb, notesTable, scope, due.noteId, signal));
  const pending = approvals.filter((item) => item.noteVersion === due.noteVersion && item.level === due.level);
  const period = reminderPeriod(due.requestedAt, now, settings);
  let reminded = 0;
  if (period >= 1)
    for (const item of pending)
      if (await recordReminder(context, dependencies, item, period, now)) {
        reminded += 1;
        context.log.info({
          event: 'approval-reminder',
          tenant: due.tenant,
          noteId: due.noteId,
          approver: item.approver,
          level: due.level,
          period,
          waitingSince: due.requestedAt,
          delivery: 'log',
        });
      }
  let escalatedTo: string[] = [];
  let escalatedAt = due.escalatedAt;
  if (escalatedAt === undefined && escalationIsDue(due.requestedAt, now, settings)) {
    const stage = await getItem<StageItem>(context, dependencies, stageKey(scope, APPROVAL_WORKFLOW, { noteId: due.noteId }));
    const routing = stage?.outcome as ApprovalRoutingOutcome | undefined;
    escalatedTo = escalationTargets(due, routing, settings.admins ?? [], new Set(pending.map((item) => item.approver)));
    escalatedAt = now.toISOString();
    const round = { note, level: due.level, noteVersion: due.noteVersion, requestedAt: due.requestedAt };
    for (const approver of escalatedTo)
      await context.call('dynamodb', (signal) =>
        putRoundItemIfAbsent(
          dynamodb,
          notesTable,
          { ...approvalItemOf(scope, round, approver, escalatedAt), remindedPeriod: period },
          signal,
        ),
      );
    const event = { event: 'approval-escalated', tenant: due.tenant, noteId: due.noteId, level: due.level, escalatedTo };
    if (escalatedTo.length > 0) context.log.info(event);
    else
      context.log.warn({
        ...event,
        reason: "No next level and no admin in the tenant's approver settings: the round stays with its approvers.",
      });
  }
  const next = approvalDueIndexAttributes(due.noteId, nextDueAt(due.requestedAt, now, settings, escalatedAt !== undefined));
  try {
    await context.call('dynamodb', (signal) =>
      dynamodb.send(
        new UpdateItemCommand({
          TableName: notesTable,
          Key: marshall({ pk: due.pk, sk: due.sk }),
          UpdateExpression: `SET gsi1sk = :next${escalatedAt === undefined ? '' : ', escalatedAt = :escalatedAt'}`,
          ConditionExpression: 'noteVersion = :version',
          ExpressionAttributeValues: marshall({
            ':next': next.gsi1sk,
            ':version': due.noteVersion,
            ...(escalatedAt === undefined ? {} : { ':escalatedAt': escalatedAt }),
          }),
        }),
        { abortSignal: signal },
      ),
    );
  } catch (error) {
    if (!conditionFailed(error)) throw error;
  }
  return { reminded, escalatedTo, stale: false };
}
