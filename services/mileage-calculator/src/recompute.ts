import { isDeepStrictEqual } from 'node:util';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  ITEM_TYPES,
  mileageDueIndexAttributes,
  mileageYearKey,
  toMinorUnits,
  type MileageCalculatorOutcome,
  type MileageYearItem,
  type NoteStatus,
  type StageItem,
  type TenantScope,
} from '@ndf/contracts';
import type { ScaleBook } from '@ndf/mileage-scale';
import { writeNoteStage } from '@ndf/receipt-pipeline';
import { TransientError } from '@ndf/runtime';
import { computeEmployeeYear, type NoteStageWrite } from './employee-year.js';
import { FROZEN_STATUSES } from './statuses.js';
import { mileageNoteIdsOfYear, readMileageYear, readNotes, readStages, writeMileageYear } from './year-store.js';

export const SERVICE = 'mileage-calculator';

export interface MileageDependencies {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the notes table. */
  readonly notesTable: string;
  readonly scales: ScaleBook;
  readonly now?: () => Date;
}

/** Runs one DynamoDB call with a signal: the service's `context.call('dynamodb', ...)`, or a command's own timeout. */
export type DynamoCall = <T>(work: (signal: AbortSignal) => Promise<T>) => Promise<T>;

const STAGE_WRITES_AT_ONCE = 8;
/** Recomputations of one employee-year that lose the race to another write before the message is retried later. */
const ROUNDS = 4;

export interface EmployeeYearResult {
  readonly year: number;
  readonly notes: number;
  readonly stagesWritten: number;
  readonly adjustment: MileageYearItem['adjustment'];
  readonly revision: number;
}

/** The allowance a frozen note's stage holds: what the batcher pays or paid for it. */
function committedCents(stage: StageItem | undefined): bigint | undefined {
  const outcome = stage?.outcome as MileageCalculatorOutcome | undefined;
  return stage?.status === 'succeeded' && outcome?.kind === 'allowance' ? toMinorUnits(outcome.allowance) : undefined;
}

const unchanged = (current: StageItem | undefined, write: NoteStageWrite) =>
  current !== undefined &&
  current.noteVersion === write.note.version &&
  current.status === write.stage.status &&
  current.code === write.stage.code &&
  current.reason === write.stage.reason &&
  isDeepStrictEqual(current.outcome, write.stage.outcome);

/**
 * Recomputes one employee's mileage year from all its notes as they stand (a new note, a
 * correction, a deletion, a new scale: the same call), writes the stage of every open note whose
 * figure moved, and the employee-year item with what is left to pay or recover for frozen notes.
 * The item's revision orders concurrent recomputations: one that read the year before another
 * wrote it does it again, so the last figures written are computed from the latest notes.
 * `alsoNoteIds`: the note that changed, read even if the listing index does not show it yet.
 */
export async function recomputeEmployeeYear(
  dependencies: MileageDependencies,
  call: DynamoCall,
  employee: TenantScope,
  year: number,
  alsoNoteIds: readonly string[] = [],
): Promise<EmployeeYearResult> {
  const { dynamodb, notesTable: table } = dependencies;
  for (let round = 0; round < ROUNDS; round += 1) {
    const existing = await call((signal) => readMileageYear(dynamodb, table, employee, year, signal));
    const listed = await call((signal) => mileageNoteIdsOfYear(dynamodb, table, employee, year, signal));
    const notes = (await call((signal) => readNotes(dynamodb, table, employee, [...listed, ...alsoNoteIds], signal))).filter(
      (note) => note.owner === employee.user,
    );
    if (notes.length === 0 && existing === undefined) return { year, notes: 0, stagesWritten: 0, adjustment: noAdjustment, revision: 0 };
    const stages = await call((signal) =>
      readStages(
        dynamodb,
        table,
        employee,
        SERVICE,
        notes.map((note) => note.noteId),
        signal,
      ),
    );
    const committed = new Map<string, bigint>();
    for (const note of notes) {
      const cents = FROZEN_STATUSES.includes(note.status as NoteStatus) ? committedCents(stages.get(note.noteId)) : undefined;
      if (cents !== undefined) committed.set(note.noteId, cents);
    }
    const computed = computeEmployeeYear({
      year,
      notes,
      committedCents: committed,
      regularisations: existing?.regularisations ?? [],
      book: dependencies.scales,
    });
    const writes = computed.stages.filter((write) => !unchanged(stages.get(write.note.noteId), write));
    // A stage lands only on the note version it was computed from: a note approved (so frozen) or
    // corrected since it was read means the whole year was computed from stale notes.
    if (
      !(await writeStages(writes, (write) =>
        call((signal) => writeNoteStage(dynamodb, table, employee, SERVICE, write.note, write.stage, signal, { whileNoteUnchanged: true })),
      ))
    )
      continue;
    const revision = (existing?.revision ?? 0) + 1;
    const item: MileageYearItem = {
      ...mileageYearKey(employee, year),
      type: ITEM_TYPES.mileageYear,
      tenant: employee.tenant,
      owner: employee.user,
      year,
      revision,
      computedAt: (dependencies.now?.() ?? new Date()).toISOString(),
      ...computed.summary,
      regularisations: existing?.regularisations ?? [],
      // The whole item is put: without a difference due, it leaves the batcher's index.
      ...(computed.summary.adjustmentDue === 'none' ? {} : mileageDueIndexAttributes(employee, year)),
    };
    if (await call((signal) => writeMileageYear(dynamodb, table, item, existing?.revision, signal)))
      return { year, notes: computed.summary.notes.length, stagesWritten: writes.length, adjustment: item.adjustment, revision };
  }
  throw new TransientError(`The mileage year ${year} of ${employee.user} kept changing while it was recomputed.`);
}

/** Writes the stages a few at a time (a correction early in the year moves every later note's figure); false if any did not land. */
async function writeStages(writes: readonly NoteStageWrite[], write: (one: NoteStageWrite) => Promise<boolean>): Promise<boolean> {
  let all = true;
  for (let offset = 0; offset < writes.length; offset += STAGE_WRITES_AT_ONCE)
    for (const written of await Promise.all(writes.slice(offset, offset + STAGE_WRITES_AT_ONCE).map(write))) all &&= written;
  return all;
}

const noAdjustment: MileageYearItem['adjustment'] = { total: { value: '0.00', currency: 'EUR' }, lines: [] };
