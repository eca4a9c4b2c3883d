import { canReadNote, noteView, type NoteItem } from '@ndf/contracts';
import { etagOf, ifMatchVersion, invalid, json, notFound, requireRole, type ApiResult } from '@ndf/http-api';
import { approvalTarget, InvalidTransitionError, mayTransition, transitionNote, type TransitionRequest } from '@ndf/note-workflow';
import type { AuthorizedContext } from '../routes/route.js';
import { approvedAmountOf } from './partial-approval.js';
import { approverRefusal } from './pending-approvers.js';
import { idempotencyConflict, refusalProblem, versionMismatch } from './problems.js';
import { sameRequest, type Asked } from './replay.js';

/** The actions the expense API takes on a note for its caller. */
export type CallerAction = 'submit' | 'withdraw' | 'approve' | 'reject' | 'ask_changes';

export interface ActionSpec {
  readonly action: CallerAction;
  /** How the action reads in a refusal: "Approving a note". */
  readonly doing: string;
  /** An approver's decision: If-Match required, the approver role and the workflow's named approvers checked. */
  readonly decision: boolean;
  /** What the request asks beside the action, from its body (400 naming the field when it breaks the document). */
  readonly asked?: (context: AuthorizedContext) => Asked;
}

const answer = (note: NoteItem): ApiResult => json(200, noteView(note), { etag: etagOf(note.version) });

/**
 * One transition of a note for the caller: checked on the note, its history and pending
 * approvals as read (404, 403, 409 with the reason, 412), then made by @ndf/note-workflow's one
 * conditional write, and answered with the note as it now stands. The Idempotency-Key, per
 * user, is the transition's request id: a replay answers the note without a second transition.
 */
export async function takeAction(context: AuthorizedContext, spec: ActionSpec): Promise<ApiResult> {
  const { deps, scope, signal } = context;
  if (spec.decision) requireRole(scope, ['approver'], spec.doing);
  const key = context.event.headers['idempotency-key'];
  const keyErrors = context.validators.actionKey(key);
  if (keyErrors.length > 0) throw invalid(keyErrors);
  const expected = ifMatchVersion(context.event.headers, { required: spec.decision, readFrom: 'GET /v1/notes/{id}' });
  const asked = spec.asked?.(context) ?? {};
  const noteId = context.pathParameters.id!;
  const requestId = `${scope.user}:${key}`;

  const state = await context.decisions.read(scope, noteId, signal);
  const note = state.note;
  if (!canReadNote(scope, note)) throw notFound('This note');
  const done = state.history.find((entry) => entry.requestId === requestId);
  if (done) {
    if (!sameRequest(done, spec.action, scope.user, asked, note.amount)) throw idempotencyConflict();
    return answer(note);
  }
  const actor = { user: scope.user, roles: scope.roles };
  const verdict = mayTransition(note, spec.action, actor);
  if (!verdict.allowed) throw refusalProblem(verdict);
  if (spec.decision) {
    const refused = approverRefusal(note, state.approvals, scope.user);
    if (refused) throw refused;
  }
  if (expected !== undefined && expected !== note.version) throw versionMismatch(note.version, expected);
  const approvedAmount = spec.action === 'approve' ? approvedAmountOf(note, asked) : undefined;

  const request: TransitionRequest = {
    noteId,
    action: spec.action,
    ...(spec.action === 'approve' ? { to: approvalTarget(note) } : {}),
    actor,
    ...(expected === undefined ? {} : { expectedVersion: expected }),
    requestId,
    correlationId: context.correlationId,
    ...(asked.reason === undefined ? {} : { reason: asked.reason }),
    ...(asked.comment === undefined ? {} : { comment: asked.comment }),
    ...(spec.decision ? { details: { level: note.approvalLevel ?? 1, ...(approvedAmount ? { approvedAmount } : {}) } } : {}),
    ...(approvedAmount ? { fields: { approvedAmount } } : {}),
    now: context.now,
  };
  let result;
  try {
    result = await transitionNote(deps.dynamodb, deps.config.tableName, scope, request, signal);
  } catch (error) {
    if (error instanceof InvalidTransitionError)
      throw invalid([{ field: error.field, in: 'body', code: 'invalid', detail: error.message }], error.message);
    throw error;
  }
  if (result.result === 'not_found') throw notFound('This note');
  if (result.result === 'conflict') throw result.refusal ? refusalProblem(result.refusal) : versionMismatch(result.version, expected);
  const now = await context.decisions.note(scope, noteId, signal);
  if (!canReadNote(scope, now)) throw notFound('This note');
  return answer(now);
}
