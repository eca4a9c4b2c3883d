import { invalid, readJsonBody, type Check } from '@ndf/http-api';
import type { Asked } from '../actions/replay.js';
import { takeAction } from '../actions/take-action.js';
import type { AuthorizedContext } from './route.js';

/** The request's JSON body checked against its schema; an absent body is `{}` when the operation does not require one. */
function bodyOf(context: AuthorizedContext, check: Check, required: boolean): Asked {
  const { event } = context;
  const absent = event.body === undefined || event.body === null || event.body === '';
  const body =
    absent && !required ? {} : readJsonBody(event, { maxBytes: context.deps.config.maxBodyBytes, mediaTypes: ['application/json'] });
  const errors = check(body);
  if (errors.length > 0) throw invalid(errors);
  return body as Asked;
}

/** The owner sends their draft (or a note sent back for changes) for checks and approval. */
export const submitNote = (context: AuthorizedContext) =>
  takeAction(context, { action: 'submit', doing: 'Submitting a note', decision: false });

/** The owner takes a submitted note back as a draft, until an approver has approved a level. */
export const withdrawNote = (context: AuthorizedContext) =>
  takeAction(context, { action: 'withdraw', doing: 'Withdrawing a note', decision: false });

/** An approver approves the level the note is at, in full or for a lower amount with its reason. */
export const approveNote = (context: AuthorizedContext) =>
  takeAction(context, {
    action: 'approve',
    doing: 'Approving a note',
    decision: true,
    asked: (ctx) => bodyOf(ctx, ctx.validators.approveRequest, false),
  });

/** An approver rejects the note, saying why. */
export const rejectNote = (context: AuthorizedContext) =>
  takeAction(context, {
    action: 'reject',
    doing: 'Rejecting a note',
    decision: true,
    asked: (ctx) => bodyOf(ctx, ctx.validators.rejectRequest, true),
  });

/** An approver sends the note back to its owner with what to change. */
export const requestNoteChanges = (context: AuthorizedContext) =>
  takeAction(context, {
    action: 'ask_changes',
    doing: 'Asking for changes to a note',
    decision: true,
    asked: (ctx) => bodyOf(ctx, ctx.validators.requestChangesRequest, true),
  });
