import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { approverQueue, ITEM_TYPES, tenantScope, type ApprovalItem, type NoteItem, type StageItem } from '@ndf/contracts';
import { stageItem } from '@ndf/receipt-pipeline';
import { testNoteItem } from '@ndf/testkit';

const eur = (value: string) => ({ value, currency: 'EUR' });

/** A note submitted at version 2 (a Thursday's meal of `amount` EUR by alice). */
export const submittedNote = (tenant: string, noteId: string, amount: string, fields: Partial<NoteItem> = {}): NoteItem =>
  testNoteItem(tenant, noteId, {
    status: 'submitted',
    version: 2,
    date: '2026-03-12',
    amount: eur(amount),
    category: 'restaurant',
    merchant: 'Café de la Gare',
    updatedAt: '2026-03-13T09:00:00.000Z',
    ...fields,
  });

/** The policy-checker's stage of the note's version: `allowed` EUR allowed, and the blocking violations given. */
export function policyStage(note: NoteItem, allowed: string, blocks: readonly { code: string; en: string }[] = []): StageItem {
  const scope = tenantScope({ tenant: note.tenant, user: 'test', roles: [] });
  const violations = blocks.map((block) => ({
    code: block.code,
    severity: 'block',
    message: { fr: block.en, en: block.en },
    rule: { kind: block.code, pointer: '/rules/0' },
  }));
  return {
    ...stageItem(
      scope,
      'policy-checker',
      { noteId: note.noteId },
      {
        status: 'succeeded',
        outcome: {
          blocking: blocks.length > 0,
          violations,
          amounts: { claimed: note.amount, allowed: eur(allowed), refused: eur('0.00') },
          amountFrom: 'note',
          policyVersion: 1,
        },
      },
    ),
    noteVersion: note.version,
  };
}

/** The vat-calculator's stage of the note's version (its figures do not matter to routing). */
export function vatStage(note: NoteItem): StageItem {
  const scope = tenantScope({ tenant: note.tenant, user: 'test', roles: [] });
  return {
    ...stageItem(scope, 'vat-calculator', { noteId: note.noteId }, { status: 'succeeded', outcome: { source: 'none' } }),
    noteVersion: note.version,
  };
}

/** One approver's queue, as GET /v1/approvals reads it: their gsi1 partition, oldest first. */
export async function queueOf(dynamodb: DynamoDBClient, table: string, tenant: string, approver: string): Promise<ApprovalItem[]> {
  const { Items = [] } = await dynamodb.send(
    new QueryCommand({
      TableName: table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :queue',
      ExpressionAttributeValues: marshall({ ':queue': approverQueue(tenantScope({ tenant, user: approver, roles: [] }), approver) }),
    }),
  );
  return Items.map((item) => unmarshall(item) as ApprovalItem).filter((item) => item.type === ITEM_TYPES.approval);
}
