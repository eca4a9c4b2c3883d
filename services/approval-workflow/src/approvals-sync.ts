import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  APPROVAL_WORKFLOW,
  stageKey,
  type ApprovalRoutingOutcome,
  type HistoryItem,
  type NoteItem,
  type StageItem,
  type TenantScope,
} from '@ndf/contracts';
import {
  approvalDueItemOf,
  approvalItemOf,
  deleteRoundItem,
  nextDueAt,
  putRoundItemIfAbsent,
  readNoteApprovals,
  readNoteHistory,
  type ApprovalRound,
} from '@ndf/note-workflow';
import type { ServiceContext } from '@ndf/runtime';
import { approversOrDefault, type SettingsCache } from '@ndf/tenant-settings';

export interface SyncDependencies {
  readonly dynamodb: DynamoDBClient;
  readonly notesTable: string;
  readonly settings: SettingsCache;
}

type Context = Pick<ServiceContext<'dynamodb'>, 'call' | 'log'>;

/** The round a note awaits and who decides it, as its routing recorded the chain; undefined when it awaits nobody. */
export function currentRound(
  note: NoteItem | undefined,
  history: readonly HistoryItem[],
  stage: StageItem | undefined,
): (ApprovalRound & { approvers: readonly string[] }) | 'unknown' | undefined {
  if (note?.status !== 'awaiting_approval') return undefined;
  const routed = history.findLast((entry) => entry.action === 'route' && entry.to === 'awaiting_approval');
  const outcome = stage?.outcome as ApprovalRoutingOutcome | undefined;
  // The chain is the one this round was routed with: the stage of the version the route started from.
  if (routed === undefined || stage?.noteVersion !== routed.version - 1 || outcome?.decision !== 'awaiting_approval') return 'unknown';
  const level = note.approvalLevel ?? 1;
  const approvers = outcome.levels[level - 1]?.approvers;
  if (approvers === undefined) return 'unknown';
  const requestedAt = history.find((entry) => entry.version === note.version)?.at ?? note.updatedAt;
  return { note, level, noteVersion: note.version, requestedAt, approvers };
}

/**
 * Brings a note's APPROVAL items (and its APPROVAL_DUE item) in step with the note as it stands:
 * one per approver of the level it awaits, none once it is decided, sent back or withdrawn.
 * Items of an earlier round go; an item of this round (an escalation's among them) stays as it
 * is. A repeat writes nothing.
 */
export async function syncApprovals(
  context: Context,
  dependencies: SyncDependencies,
  scope: TenantScope,
  noteId: string,
): Promise<{ written: number; removed: number }> {
  const { dynamodb, notesTable } = dependencies;
  const { note, history } = await context.call('dynamodb', (signal) => readNoteHistory(dynamodb, notesTable, scope, noteId, signal));
  const stage =
    note?.status === 'awaiting_approval'
      ? await context.call('dynamodb', async (signal) => {
          const { Item } = await dynamodb.send(
            new GetItemCommand({
              TableName: notesTable,
              Key: marshall(stageKey(scope, APPROVAL_WORKFLOW, { noteId })),
              ConsistentRead: true,
            }),
            { abortSignal: signal },
          );
          return Item ? (unmarshall(Item) as StageItem) : undefined;
        })
      : undefined;
  const round = currentRound(note, history, stage);
  if (round === 'unknown') {
    // Not routed by this service's chain (or its stage is gone): nothing to derive the approvers from.
    context.log.warn({ event: 'approval-round-unknown', noteId, version: note?.version });
    return { written: 0, removed: 0 };
  }
  const { approvals, due } = await context.call('dynamodb', (signal) => readNoteApprovals(dynamodb, notesTable, scope, noteId, signal));
  const ofRound = (item: { noteVersion: number; level: number }) =>
    round !== undefined && item.noteVersion === round.noteVersion && item.level === round.level;
  let written = 0;
  let removed = 0;
  for (const item of [...approvals, ...(due ? [due] : [])].filter((candidate) => !ofRound(candidate)))
    if (await context.call('dynamodb', (signal) => deleteRoundItem(dynamodb, notesTable, item, item.noteVersion, signal))) removed += 1;
  if (round !== undefined) {
    const present = new Set(approvals.filter(ofRound).map((item) => item.approver));
    for (const approver of round.approvers.filter((candidate) => !present.has(candidate)))
      if (
        await context.call('dynamodb', (signal) =>
          putRoundItemIfAbsent(dynamodb, notesTable, approvalItemOf(scope, round, approver), signal),
        )
      )
        written += 1;
    if (due === undefined || !ofRound(due)) {
      const settings = await context.call('dynamodb', (signal) => approversOrDefault(dependencies.settings, scope, signal));
      if (settings.problems) context.log.error({ event: 'approvers-invalid', tenant: scope.tenant, problems: settings.problems });
      const dueAt = nextDueAt(round.requestedAt, new Date(round.requestedAt), settings.value, false);
      await context.call('dynamodb', (signal) =>
        putRoundItemIfAbsent(dynamodb, notesTable, approvalDueItemOf(scope, round, dueAt), signal),
      );
    }
  }
  if (written + removed > 0) context.log.info({ event: 'approvals-synced', noteId, level: round?.level, written, removed });
  return { written, removed };
}
