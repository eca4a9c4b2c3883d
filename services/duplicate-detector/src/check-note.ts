import { BatchGetItemCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  noteKey,
  OPEN_STATUSES,
  POSSIBLE_DUPLICATE_CODE,
  stageKey,
  type DuplicateCheckOutcome,
  type DuplicateFinding,
  type NoteItem,
  type NoteStatus,
  type StageItem,
  type TenantScope,
} from '@ndf/contracts';
import { readNoteWithReceipts, writeNoteStage } from '@ndf/receipt-pipeline';
import type { CallDependency } from '@ndf/runtime';
import { findDuplicates, type FingerprintedReceipt, type NoteExpense } from './duplicate-check.js';
import { receiptsUnder } from './duplicate-index.js';
import { receiptFingerprints } from './fingerprints.js';
import { asExpense, ownerNotesAround } from './owner-expenses.js';
import { noteMerchant, sameAmount } from './note-merchant.js';
import { fingerprintReceipts, SERVICE, type DetectorDependencies } from './receipt-fingerprint.js';

export type NoteCheck =
  | { readonly status: 'checked'; readonly outcome: DuplicateCheckOutcome }
  /** Gone, or a deleted draft: nothing to compute. */
  | { readonly status: 'gone' }
  /** No longer open: its figures, and what was found about them, are frozen. */
  | { readonly status: 'closed' };

type Call = CallDependency<'dynamodb' | 's3'>;

/** The other notes this note's stage names now (none before its first check). */
export async function flaggedWith(dependencies: DetectorDependencies, scope: TenantScope, noteId: string, call: Call): Promise<string[]> {
  const answer = await call('dynamodb', (signal) =>
    dependencies.dynamodb.send(
      new GetItemCommand({ TableName: dependencies.notesTable, Key: marshall(stageKey(scope, SERVICE, { noteId })), ConsistentRead: true }),
      { abortSignal: signal },
    ),
  );
  const outcome = answer.Item ? ((unmarshall(answer.Item) as StageItem).outcome as Partial<DuplicateCheckOutcome> | undefined) : undefined;
  return [...(outcome?.otherNoteIds ?? [])];
}

/** Of these notes, those that still exist (not deleted): an index entry outlives a deleted draft. */
async function liveNotes(
  dependencies: DetectorDependencies,
  scope: TenantScope,
  noteIds: readonly string[],
  call: Call,
): Promise<Set<string>> {
  const live = new Set<string>();
  for (let start = 0; start < noteIds.length; start += 100) {
    const keys = noteIds.slice(start, start + 100).map((noteId) => marshall(noteKey(scope, noteId)));
    const answer = await call('dynamodb', (signal) =>
      dependencies.dynamodb.send(
        new BatchGetItemCommand({
          RequestItems: {
            [dependencies.notesTable]: {
              Keys: keys,
              ProjectionExpression: 'noteId, #status',
              ExpressionAttributeNames: { '#status': 'status' },
            },
          },
        }),
        { abortSignal: signal },
      ),
    );
    if (Object.keys(answer.UnprocessedKeys ?? {}).length > 0) throw new Error('DynamoDB left notes unread; the check is retried.');
    for (const item of answer.Responses?.[dependencies.notesTable] ?? []) {
      const note = unmarshall(item) as Pick<NoteItem, 'noteId' | 'status'>;
      if (note.status !== 'deleted') live.add(note.noteId);
    }
  }
  return live;
}

/** The tenant's receipts sharing a fingerprint with one of these, each once, and how many index entries were read. */
async function indexedCandidates(
  dependencies: DetectorDependencies,
  scope: TenantScope,
  receipts: readonly FingerprintedReceipt[],
  call: Call,
): Promise<{ candidates: FingerprintedReceipt[]; read: number }> {
  const table = { dynamodb: dependencies.dynamodb, tableName: dependencies.notesTable };
  const fingerprints = [...new Set(receipts.flatMap(receiptFingerprints))];
  const found = await Promise.all(
    fingerprints.map((fingerprint) => call('dynamodb', (signal) => receiptsUnder(table, scope, fingerprint, signal))),
  );
  const unique = new Map<string, FingerprintedReceipt>();
  for (const entry of found.flat()) unique.set(`${entry.noteId}#${entry.receiptId}`, entry);
  return { candidates: [...unique.values()], read: found.flat().length };
}

/**
 * The owner's notes of the same amount that name no merchant, with the one their receipts read
 * (the rule the note itself is compared on): a few notes of one employee, each one Query.
 */
async function withReceiptMerchants(
  dependencies: DetectorDependencies,
  scope: TenantScope,
  expense: NoteExpense,
  ownerNotes: readonly NoteExpense[],
  call: Call,
): Promise<NoteExpense[]> {
  return Promise.all(
    ownerNotes.map(async (other) => {
      if (other.merchant !== undefined || other.noteId === expense.noteId || !sameAmount(other.amount, expense.amount)) return other;
      const read = await call('dynamodb', (signal) =>
        readNoteWithReceipts(dependencies.dynamodb, dependencies.notesTable, scope, other.noteId, signal),
      );
      const merchant = read ? noteMerchant(undefined, read.receipts) : undefined;
      return merchant === undefined ? other : { ...other, merchant };
    }),
  );
}

function summary(findings: readonly DuplicateFinding[]): string {
  const [first] = findings;
  const more = findings.length - 1;
  return `This note may duplicate another: ${first!.reason}${more > 0 ? ` (and ${more} more)` : ''}.`;
}

/**
 * Computes and records a note's duplicate stage from the items as they stand: its processed
 * receipts' fingerprints, the tenant's receipts filed under the same ones, and its owner's notes
 * of the surrounding days. Only the other notes that still exist are named.
 */
export async function checkNote(dependencies: DetectorDependencies, scope: TenantScope, noteId: string, call: Call): Promise<NoteCheck> {
  // Two checks of one note may run at once (its own change, another note's): the one that read last is kept.
  const readAt = (dependencies.now?.() ?? new Date()).toISOString();
  const found = await call('dynamodb', (signal) =>
    readNoteWithReceipts(dependencies.dynamodb, dependencies.notesTable, scope, noteId, signal),
  );
  if (found === undefined) return { status: 'gone' };
  const { note } = found;
  if (!OPEN_STATUSES.includes(note.status as NoteStatus)) return { status: 'closed' };
  const processed = found.receipts.filter((receipt) => receipt.status === 'processed');
  const fingerprinted = await fingerprintReceipts(dependencies, scope, noteId, processed, call);
  const table = { dynamodb: dependencies.dynamodb, tableName: dependencies.notesTable };
  const [{ candidates: indexed, read }, ownerNotes] = await Promise.all([
    indexedCandidates(dependencies, scope, fingerprinted.receipts, call),
    call('dynamodb', (signal) => ownerNotesAround(table, scope, note.owner, note.date, signal)),
  ]);
  const merchant = noteMerchant(note.merchant, found.receipts);
  const expense = { ...asExpense(note), ...(merchant !== undefined ? { merchant } : {}) };
  const others = await withReceiptMerchants(dependencies, scope, expense, ownerNotes, call);
  const result = findDuplicates({ note: expense, receipts: fingerprinted.receipts, indexed, ownerNotes: others });
  const named = [...new Set(result.findings.map((finding) => finding.otherNoteId).filter((other) => other !== noteId))];
  const live = await liveNotes(dependencies, scope, named, call);
  const findings = result.findings.filter((finding) => finding.otherNoteId === noteId || live.has(finding.otherNoteId));
  const outcome: DuplicateCheckOutcome = {
    findings,
    otherNoteIds: [...new Set(findings.map((finding) => finding.otherNoteId))].sort(),
    receiptsCompared: processed.length,
    skipped: [...fingerprinted.skipped, ...result.skipped],
    candidatesRead: read + ownerNotes.length,
  };
  await call('dynamodb', (signal) =>
    writeNoteStage(
      dependencies.dynamodb,
      dependencies.notesTable,
      scope,
      SERVICE,
      note,
      {
        status: 'succeeded',
        ...(findings.length > 0 ? { code: POSSIBLE_DUPLICATE_CODE, reason: summary(findings) } : {}),
        outcome: { ...outcome },
      },
      signal,
      { readAt },
    ),
  );
  return { status: 'checked', outcome };
}
