import type { HistoryItem } from './items.js';
import type { NoteStatus } from './note.js';
import type { TenantRole } from './roles.js';

/**
 * What moves a note from one status to another (see @ndf/note-workflow for who may do each,
 * and from which statuses): the owner submits or withdraws it, the approval workflow routes
 * it, approvers approve, reject or ask for changes, the batcher batches it, and it is paid.
 */
export const NOTE_ACTIONS = ['submit', 'withdraw', 'route', 'approve', 'reject', 'ask_changes', 'batch', 'pay'] as const;
export type NoteAction = (typeof NOTE_ACTIONS)[number];

/** The capacity a user acted in: the note's owner, or one of their tenant roles. */
export type ActingRole = 'owner' | Exclude<TenantRole, 'employee'>;

/** Who made a transition: a user (their id), in the capacity they acted in, or a service of the platform (its name). */
export type HistoryActor =
  { readonly kind: 'user'; readonly id: string; readonly role: ActingRole } | { readonly kind: 'service'; readonly id: string };

/** One transition of a note, as GET /v1/notes/{id} shows it in `history` (oldest first). */
export interface HistoryEntry {
  readonly action: NoteAction;
  readonly from: NoteStatus;
  readonly to: NoteStatus;
  /** The note's version this transition made. */
  readonly version: number;
  readonly actor: HistoryActor;
  readonly at: string;
  /** Why, in words a person can act on (a rejection, a blocking violation). */
  readonly reason?: string;
  /** What the actor wrote (required when asking for changes). */
  readonly comment?: string;
  /** What else the transition recorded, e.g. an approval level, a partly approved amount, a batch id. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** What the API shows of a history item (its keys, request id and correlation id stay inside). */
export function historyEntryOf(item: HistoryItem): HistoryEntry {
  return {
    action: item.action,
    from: item.from,
    to: item.to,
    version: item.version,
    actor: item.actor,
    at: item.at,
    ...(item.reason === undefined ? {} : { reason: item.reason }),
    ...(item.comment === undefined ? {} : { comment: item.comment }),
    ...(item.details === undefined ? {} : { details: item.details }),
  };
}
