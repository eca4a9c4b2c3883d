import { PutItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  advanceKey,
  fromMinorUnits,
  ITEM_TYPES,
  listingSortKey,
  mileageDueIndexAttributes,
  mileageYearKey,
  ownerListing,
  signedMinorUnits,
  stageKey,
  tenantScope,
  type AdvanceItem,
  type MileageYearItem,
  type Money,
  type NoteInput,
} from '@ndf/contracts';
import { transitionNote } from '@ndf/note-workflow';
import { writeSettings } from '@ndf/tenant-settings';
import { testNoteItem } from '@ndf/testkit';
import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { bucketName, tableName } from '@ndf/catalog';
import type { BatcherDependencies, Call, StepRunner } from '../src/index.js';

const signal = new AbortController().signal;
export const eur = (value: string): Money => ({ value, currency: 'EUR' });

/** Valid test accounts (ISO 13616 check digits). */
export const ACCOUNTS = {
  company: { name: 'ACME SAS', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP' },
  emma: { name: 'Emma Martin', iban: 'FR1420041010050500013M02606' },
  hugo: { name: 'Hugo Bernard', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX' },
  noah: { name: 'Noah Petit', iban: 'GB29NWBK60161331926819' },
} as const;

export interface ApprovedNote {
  readonly owner: string;
  readonly input: Pick<NoteInput, 'amount' | 'paymentMethod' | 'mileage' | 'category'>;
  /** Each stage's outcome, computed from the submitted version (2). */
  readonly stages: Readonly<Record<string, Record<string, unknown>>>;
  readonly approvedAmount?: Money;
  /** The expense date: 2026-03-12 unless told. */
  readonly date?: string;
}

/**
 * A note taken through the workflow as the platform does it (created, submitted by its owner,
 * routed, approved by paul on `approvedAt`), with the checks' stages of its submitted version.
 */
export async function approveNote(
  dynamodb: DynamoDBClient,
  table: string,
  tenant: string,
  note: ApprovedNote,
  approvedAt: Date,
): Promise<string> {
  const noteId = randomUUID();
  const scope = tenantScope({ tenant, user: note.owner, roles: ['employee'] });
  const date = note.date ?? '2026-03-12';
  const item = testNoteItem(tenant, noteId, {
    owner: note.owner,
    date,
    ...note.input,
    // In its owner's listing, as the ingest API writes it (the mileage-calculator reads the year's notes there).
    gsi1pk: ownerListing(scope),
    gsi1sk: listingSortKey(date, noteId),
  });
  await dynamodb.send(new PutItemCommand({ TableName: table, Item: marshall(item, { removeUndefinedValues: true }) }));
  const move = (request: Omit<Parameters<typeof transitionNote>[3], 'noteId' | 'requestId'>) =>
    transitionNote(dynamodb, table, scope, { noteId, requestId: randomUUID(), ...request }, signal);
  await move({ action: 'submit', actor: { user: note.owner, roles: ['employee'] } });
  for (const [service, outcome] of Object.entries(note.stages)) {
    const stage = {
      ...stageKey(scope, service, { noteId }),
      type: ITEM_TYPES.stage,
      tenant,
      service,
      noteId,
      noteVersion: 2,
      status: 'succeeded',
      outcome,
      updatedAt: approvedAt.toISOString(),
    };
    await dynamodb.send(new PutItemCommand({ TableName: table, Item: marshall(stage) }));
  }
  await move({ action: 'route', to: 'awaiting_approval', actor: { service: 'approval-workflow' } });
  await move({
    action: 'approve',
    to: 'approved',
    actor: { user: 'paul', roles: ['approver'] },
    expectedVersion: 3,
    now: approvedAt,
    ...(note.approvedAmount ? { fields: { approvedAmount: note.approvedAmount }, reason: 'Partly approved.' } : {}),
  });
  return noteId;
}

/** The policy-checker's outcome for a note it let through up to `allowed`. */
export const policy = (claimed: string, allowed = claimed) => ({
  blocking: false,
  violations: [],
  amounts: { claimed: eur(claimed), allowed: eur(allowed), refused: eur('0.00') },
  amountFrom: 'note',
  policyVersion: 1,
});

export async function writePaymentSettings(
  dynamodb: DynamoDBClient,
  table: string,
  tenant: string,
  batchDay: number | 'on_demand',
): Promise<void> {
  const admin = tenantScope({ tenant, user: 'admin', roles: ['admin'] });
  await writeSettings(dynamodb, table, admin, 'PAYMENT', { debtor: ACCOUNTS.company, batchDay }, 0, signal);
  const payees = (['emma', 'hugo', 'noah'] as const).map((employee) => ({ employee, ...ACCOUNTS[employee] }));
  await writeSettings(dynamodb, table, admin, 'PAYEES', { payees }, 0, signal);
}

export async function putAdvance(
  dynamodb: DynamoDBClient,
  table: string,
  tenant: string,
  employee: string,
  amount: string,
): Promise<AdvanceItem> {
  const advanceId = randomUUID();
  const item: AdvanceItem = {
    ...advanceKey(tenantScope({ tenant, user: 'admin', roles: [] }), employee, advanceId),
    type: 'ADVANCE',
    tenant,
    employee,
    advanceId,
    amount: eur(amount),
    paidAt: '2026-02-27T10:00:00.000Z',
    remaining: eur(amount),
    deductions: [],
    takenBy: [],
  };
  await dynamodb.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
  return item;
}

/**
 * An employee's mileage year as the mileage-calculator writes it when notes already paid are now
 * worth another amount (`paid` is their frozen allowance, `due` what they are worth now): the
 * adjustment per note, its total and direction, and the batcher's index while something is due.
 */
export async function putMileageYear(
  dynamodb: DynamoDBClient,
  table: string,
  tenant: string,
  employee: string,
  year: number,
  notes: readonly { noteId: string; paid: string; due: string }[],
  options: { computedAt?: string; revision?: number } = {},
): Promise<MileageYearItem> {
  const scope = tenantScope({ tenant, user: employee, roles: [] });
  const cents = (value: string) => signedMinorUnits(eur(value));
  const lines = notes
    .filter((note) => cents(note.due) !== cents(note.paid))
    .map((note) => ({
      noteId: note.noteId,
      paid: eur(note.paid),
      due: eur(note.due),
      difference: fromMinorUnits(cents(note.due) - cents(note.paid), 'EUR'),
    }));
  const total = lines.reduce((sum, line) => sum + signedMinorUnits(line.difference), 0n);
  const item: MileageYearItem = {
    ...mileageYearKey(scope, year),
    type: ITEM_TYPES.mileageYear,
    tenant,
    owner: employee,
    year,
    revision: options.revision ?? 3,
    computedAt: options.computedAt ?? '2026-03-25T10:00:00.000Z',
    scaleIds: ['FR-2023'],
    vehicles: [],
    notes: notes.map((note, index) => ({
      noteId: note.noteId,
      date: `${year}-01-${String(index + 10)}`,
      distanceKm: '100',
      status: 'paid',
      allowance: eur(note.due),
      committed: eur(note.paid),
    })),
    adjustment: { total: fromMinorUnits(total, 'EUR'), lines },
    adjustmentDue: total > 0n ? 'pay' : total < 0n ? 'recover' : 'none',
    refusedNoteIds: [],
    regularisations: [],
    ...(total === 0n ? {} : mileageDueIndexAttributes(scope, year)),
  };
  await dynamodb.send(new PutItemCommand({ TableName: table, Item: marshall(item) }));
  return item;
}

/** Every call of a batcher's steps made at once under `signal`, as a test runs them. */
export const testCall =
  (signal: AbortSignal): Call =>
  (_dependency, fn) =>
    fn(signal);

/** A batcher's steps as a test runs them: calls under `signal`, nothing logged; `options` stops them where a crash would. */
export function testRunner(signal: AbortSignal, options: Partial<StepRunner> = {}): StepRunner {
  const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
  return { call: testCall(signal), log: quiet, signal, ...options };
}

/** The batcher's dependencies on a test stack (its notes table and exports bucket), its clock stopped at `now`. */
export function stackBatcherDependencies(
  stack: { readonly clients: { readonly dynamodb: DynamoDBClient; readonly s3: S3Client }; readonly config: { readonly prefix: string } },
  now: Date,
  dynamodb: DynamoDBClient = stack.clients.dynamodb,
): BatcherDependencies {
  return {
    dynamodb,
    s3: stack.clients.s3,
    notesTable: tableName(stack.config.prefix, 'notes'),
    exportsBucket: bucketName(stack.config.prefix, 'exports'),
    now: () => now,
  };
}
