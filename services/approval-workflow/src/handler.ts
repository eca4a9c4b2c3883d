import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { APPROVAL_WORKFLOW, tenantScope, type TenantScope } from '@ndf/contracts';
import { transitionNote } from '@ndf/note-workflow';
import { itemReader, readChange, readNoteWithReceipts, writeNoteStage } from '@ndf/receipt-pipeline';
import { PermanentError, type InboundMessage, type ServiceContext } from '@ndf/runtime';
import { StoredSettingsError, type SettingsCache } from '@ndf/tenant-settings';
import { syncApprovals } from './approvals-sync.js';
import { routeNote, routingStage, sendBackReason, type Routing } from './routing.js';

export const SERVICE = APPROVAL_WORKFLOW;

export interface ApprovalWorkflowDependencies {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the notes table. */
  readonly notesTable: string;
  /** The tenants' settings, at most its maximum age behind a change. */
  readonly settings: SettingsCache;
  /** The services the catalog deploys: a check of a service not deployed is not awaited. */
  readonly deployed: ReadonlySet<string>;
  readonly now: () => Date;
}

type Context = Pick<ServiceContext<'dynamodb'>, 'call' | 'log'>;

/** The routing of a submitted note whose checks are all in, recorded as this service's stage and made as a `route` transition. */
async function routeIfReady(
  context: Context,
  dependencies: ApprovalWorkflowDependencies,
  scope: TenantScope,
  noteId: string,
): Promise<void> {
  const { dynamodb, notesTable } = dependencies;
  // Two messages about one version may route it at once: a "waiting" read before the last check came
  // must not replace the routing that saw it (the approvers would never be asked).
  const readAt = dependencies.now().toISOString();
  const found = await context.call('dynamodb', (signal) => readNoteWithReceipts(dynamodb, notesTable, scope, noteId, signal));
  if (found?.note.status !== 'submitted') return;
  const { note, stages } = found;
  let routing: Routing;
  try {
    const approvers = await context.call('dynamodb', (signal) => dependencies.settings.read(scope, 'APPROVERS', signal));
    const today = dependencies.now().toISOString().slice(0, 10);
    routing = routeNote({ note, stages, approvers: approvers.value, today, deployed: dependencies.deployed });
  } catch (error) {
    if (!(error instanceof StoredSettingsError)) throw error;
    routing = {
      kind: 'refuse',
      code: 'checks_unusable',
      reason: "The company's approver settings cannot be read; its administrators are told to correct them.",
    };
    context.log.error({ event: 'approvers-invalid', tenant: scope.tenant, problems: error.problems });
  }
  const written = await context.call('dynamodb', (signal) =>
    writeNoteStage(dynamodb, notesTable, scope, SERVICE, note, routingStage(routing), signal, { readAt }),
  );
  if (!written) {
    context.log.info({ event: 'routing-superseded', noteId, version: note.version, routing: routing.kind });
    return;
  }
  context.log.info({
    event: 'note-routing',
    noteId,
    version: note.version,
    routing: routing.kind,
    ...('code' in routing ? { code: routing.code } : {}),
  });
  if (routing.kind !== 'route' && routing.kind !== 'send_back') return;
  const result = await context.call('dynamodb', (signal) =>
    transitionNote(
      dynamodb,
      notesTable,
      scope,
      {
        noteId,
        action: 'route',
        actor: { service: SERVICE },
        expectedVersion: note.version,
        // One routing per submitted version: a repeat is recognised in the history and applied once.
        requestId: `route:${noteId}:${note.version}`,
        ...(note.correlationId === undefined ? {} : { correlationId: note.correlationId }),
        now: dependencies.now(),
        ...(routing.kind === 'route'
          ? {
              to: 'awaiting_approval',
              fields: { approvalLevels: routing.levels.length },
              details: { levels: routing.levels.map((level) => level.name) },
            }
          : {
              to: 'needs_changes',
              reason: sendBackReason(routing.reasons),
              details: { violations: routing.reasons.map((entry) => ({ check: entry.check, code: entry.code })) },
            }),
      },
      signal,
    ),
  );
  // A conflict: the note moved since it was read (withdrawn, submitted again); its own change brings it back here.
  if (result.result !== 'applied') context.log.info({ event: 'route-not-applied', noteId, result: result.result });
}

/**
 * On a submitted note or a check's stage about it: routes the note once every check of the
 * submitted version is in. On a decision (a HISTORY item): keeps the approvers' APPROVAL items
 * in step. Every message ends with the APPROVAL items brought in step with the note as it
 * stands, so the order and repeats of messages do not matter.
 */
export async function handle(message: InboundMessage, context: Context, dependencies: ApprovalWorkflowDependencies): Promise<void> {
  const change = await readChange(message.body, itemReader(dependencies.dynamodb, dependencies.notesTable), context.call);
  if (change === undefined) return;
  const image = change.newImage ?? {};
  const { tenant, noteId, receiptId } = image as { tenant?: unknown; noteId?: unknown; receiptId?: unknown };
  if (typeof tenant !== 'string') throw new PermanentError(`The change of ${change.keys.pk} ${change.keys.sk} carries no tenant.`);
  if (typeof noteId !== 'string' || receiptId !== undefined) return;
  const scope = tenantScope({ tenant, user: SERVICE, roles: [] });
  if (change.itemType !== 'HISTORY') await routeIfReady(context, dependencies, scope, noteId);
  await syncApprovals(context, dependencies, scope, noteId);
}
