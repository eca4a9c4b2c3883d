export { actingAs, type WorkflowActor } from './actor.js';
export { GUARDS, type GuardName, type GuardedNote } from './guards.js';
export { approvalTarget, mayTransition, type NoteInHand, type Refusal, type RefusalCode, type Verdict } from './may-transition.js';
export { readNoteHistory, type NoteWithHistory } from './read-history.js';
export { readOwnerNotes, type OwnerNotesQuery } from './owner-notes.js';
export { InvalidTransitionError, transitionFor, type TransitionRequest } from './request.js';
export { transitionNote, type TransitionResult } from './transition-note.js';
export {
  LOCKED_STATUSES,
  TRANSITIONS,
  WORKFLOW_SERVICES,
  transitionsOf,
  type ApprovalStep,
  type Permitted,
  type Transition,
} from './transitions.js';
export {
  approvalDueItemOf,
  approvalItemOf,
  deleteRoundItem,
  putRoundItemIfAbsent,
  readNoteApprovals,
  type ApprovalRound,
  type NoteApprovals,
} from './approval-queue.js';
export { nextDueAt, reminderPeriod, escalationIsDue, type ReminderSettings } from './approval-due.js';
export { queryEveryPage, queryPagesWith, type PageRange } from './query-pages.js';
