import { TransactionCanceledException, TransactWriteItemsCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { NoteStatus, TenantScope } from '@ndf/contracts';
import { setTimeout as sleep } from 'node:timers/promises';
import { actingAs } from './actor.js';
import { GUARDS } from './guards.js';
import { mayTransition, type Refusal, type Verdict } from './may-transition.js';
import { readNoteHistory } from './read-history.js';
import { transitionFor, type TransitionRequest } from './request.js';
import { historyItem, transitionWrite } from './transition-write.js';
import type { Transition } from './transitions.js';

export type TransitionResult =
  /** Made by this request, now or by an earlier attempt of it (`replayed`). */
  | { readonly result: 'applied'; readonly status: NoteStatus; readonly version: number; readonly replayed: boolean }
  /**
   * Not made: the note as it is now. `refusal` says why when the note refuses the action as it
   * stands (mayTransition's answer); absent, the action is still possible but the note is at
   * another version than the one asked for (read it again).
   */
  | { readonly result: 'conflict'; readonly status: NoteStatus; readonly version: number; readonly refusal?: Refusal }
  | { readonly result: 'not_found' };

/** A cancellation only because the note moved since it was read, or another transaction held it. */
function lostRace(error: unknown): boolean {
  if (!(error instanceof TransactionCanceledException)) return false;
  return (error.CancellationReasons ?? []).every((reason) =>
    ['None', 'ConditionalCheckFailed', 'TransactionConflict', undefined].includes(reason.Code),
  );
}

/** Why the note refuses this transition: the action's refusal, or the guard of the status the caller named. */
function refusalOf(verdict: Verdict, transition: Transition): Refusal | undefined {
  if (!verdict.allowed) return verdict;
  if (verdict.to.includes(transition.to)) return undefined;
  const { code, reason } = GUARDS[transition.guard!].refusal;
  return { allowed: false, code, httpStatus: 409, reason };
}

/** Reads and writes, when other writers keep changing the note between the two (only without an expected version). */
const ATTEMPTS = 5;

/**
 * Moves a note along its workflow (see TRANSITIONS): reads it with its history, checks the
 * transition on it, then writes the note's change and its HISTORY item in one transaction
 * conditioned on the status and version read. A request already applied (its requestId is in
 * the history) is answered applied again, never written twice. Throws InvalidTransitionError
 * for a request no note could accept.
 */
export async function transitionNote(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  request: TransitionRequest,
  signal: AbortSignal,
): Promise<TransitionResult> {
  const transition = transitionFor(request);
  const actor = actingAs(transition.who, request.actor)!;
  for (let attempt = 1; ; attempt += 1) {
    const { note, history } = await readNoteHistory(dynamodb, tableName, scope, request.noteId, signal);
    const done = history.find((entry) => entry.requestId === request.requestId);
    if (done) return { result: 'applied', status: done.to, version: done.version, replayed: true };
    if (note === undefined || note.status === 'deleted') return { result: 'not_found' };
    const current = { status: note.status, version: note.version };
    const refusal = refusalOf(mayTransition(note, request.action, request.actor), transition);
    // What the note refuses as it stands says more than a stale version (an approver's 409 "approved" rather than 412).
    if (refusal) return { result: 'conflict', ...current, refusal };
    if (request.expectedVersion !== undefined && note.version !== request.expectedVersion) return { result: 'conflict', ...current };
    const record = historyItem(scope, note, transition, request, actor, (request.now ?? new Date()).toISOString());
    try {
      const items = transitionWrite(tableName, scope, transition, record, request, note.owner);
      await dynamodb.send(new TransactWriteItemsCommand({ TransactItems: items }), { abortSignal: signal });
      return { result: 'applied', status: record.to, version: record.version, replayed: false };
    } catch (error) {
      // Another write got there first (or holds the note): the next read tells whether it was this request's own.
      if (!lostRace(error) || attempt >= ATTEMPTS) throw error;
      await sleep(Math.random() * 10 * attempt, undefined, { signal });
    }
  }
}
