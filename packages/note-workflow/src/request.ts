import { NOTE_ACTIONS, type NoteAction, type NoteStatus } from '@ndf/contracts';
import { actingAs, type WorkflowActor } from './actor.js';
import { transitionsOf, type Transition } from './transitions.js';

export interface TransitionRequest {
  readonly noteId: string;
  readonly action: NoteAction;
  /** Where to, when the action may lead to several statuses (route; approve: see approvalTarget). */
  readonly to?: NoteStatus;
  readonly actor: WorkflowActor;
  /** The version the caller read and decided on; without it, the note as it is when written. */
  readonly expectedVersion?: number;
  /**
   * Names the request (an Idempotency-Key, a queue message's id, a batch's payment id): a
   * repeat of a request already applied is answered as applied, and never applied twice.
   */
  readonly requestId: string;
  /** Kept on the note, so the stream carries it to every hop; the request id when absent. */
  readonly correlationId?: string;
  readonly reason?: string;
  readonly comment?: string;
  readonly details?: Readonly<Record<string, unknown>>;
  /** Note fields the transition sets besides its status, e.g. `batchId`, `approvalLevels`, an approved amount. */
  readonly fields?: Readonly<Record<string, unknown>>;
  readonly now?: Date;
}

/** A request no note could ever accept: a programming error of the caller, naming the field. */
export class InvalidTransitionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InvalidTransitionError';
  }
}

/** Attributes only the workflow or the note's creation write: a transition's fields never name them. */
const RESERVED_FIELDS = new Set([
  'pk',
  'sk',
  'type',
  'tenant',
  'noteId',
  'owner',
  'status',
  'version',
  'createdAt',
  'updatedAt',
  'correlationId',
  'requestHash',
  'gsi1pk',
  'gsi1sk',
  'deletedAt',
  'expiresAt',
  'receiptIds',
  'approvalLevel',
]);
const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const MAX_APPROVAL_LEVELS = 10;

/** The one transition the request asks for, checked against the table; throws InvalidTransitionError. */
export function transitionFor(request: TransitionRequest): Transition {
  if (!NOTE_ACTIONS.includes(request.action))
    throw new InvalidTransitionError('action', `Unknown action ${JSON.stringify(request.action)}.`);
  const rows = transitionsOf(request.action);
  const row = request.to === undefined && rows.length === 1 ? rows[0] : rows.find((candidate) => candidate.to === request.to);
  if (row === undefined) {
    const targets = rows.map((candidate) => candidate.to).join(' or ');
    throw new InvalidTransitionError('to', `${request.action} leads to ${targets}: name which (not ${String(request.to)}).`);
  }
  if (actingAs(row.who, request.actor) === undefined)
    throw new InvalidTransitionError('actor', `This actor may never ${request.action} a note: check mayTransition first.`);
  if (row.needsVersion && request.expectedVersion === undefined)
    throw new InvalidTransitionError('expectedVersion', `${request.action} needs the version the actor read.`);
  if (request.expectedVersion !== undefined && !(Number.isSafeInteger(request.expectedVersion) && request.expectedVersion >= 1))
    throw new InvalidTransitionError('expectedVersion', 'Must be a positive integer.');
  if (request.requestId.trim() === '') throw new InvalidTransitionError('requestId', 'Must name the request.');
  for (const text of row.needs ?? [])
    if (!request[text]?.trim()) throw new InvalidTransitionError(text, `${request.action} needs a ${text}.`);
  const fields = request.fields ?? {};
  for (const name of Object.keys(fields)) {
    if (!FIELD_NAME.test(name) || RESERVED_FIELDS.has(name))
      throw new InvalidTransitionError(`fields.${name}`, `A transition cannot set ${JSON.stringify(name)}.`);
  }
  for (const name of row.needsFields ?? [])
    if (fields[name] === undefined || fields[name] === null || fields[name] === '')
      throw new InvalidTransitionError(`fields.${name}`, `${request.action} sets ${name}: give it.`);
  const levels = fields.approvalLevels;
  if (levels !== undefined && !(Number.isSafeInteger(levels) && (levels as number) >= 1 && (levels as number) <= MAX_APPROVAL_LEVELS))
    throw new InvalidTransitionError('fields.approvalLevels', `Must be an integer from 1 to ${MAX_APPROVAL_LEVELS}.`);
  if (levels !== undefined && row.approval !== 'start')
    throw new InvalidTransitionError('fields.approvalLevels', 'Only routing a note for approval sets its levels.');
  return row;
}
