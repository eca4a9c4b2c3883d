import type { NoteItem } from '@ndf/contracts';

/** What a guard looks at on a note. */
export type GuardedNote = Pick<NoteItem, 'approvalLevel' | 'approvalLevels'>;

export interface Guard {
  readonly holds: (note: GuardedNote) => boolean;
  /** Why a transition is refused when its guard is what does not hold. */
  readonly refusal: { readonly code: 'already_decided' | 'wrong_level'; readonly reason: string };
}

// A note routed without levels has one. A guard is checked on the note as read; the write's
// condition on that version makes the check hold when the write lands (a transition changes the version).
const level = (note: GuardedNote) => note.approvalLevel ?? 1;
const levels = (note: GuardedNote) => note.approvalLevels ?? 1;

export const GUARDS = {
  no_approver_decision: {
    holds: (note: GuardedNote) => level(note) <= 1,
    refusal: { code: 'already_decided', reason: 'An approver has approved it at one level already: it can no longer be withdrawn.' },
  },
  more_levels: {
    holds: (note: GuardedNote) => level(note) < levels(note),
    refusal: { code: 'wrong_level', reason: 'This is its last level of approval: approving it approves the note.' },
  },
  last_level: {
    holds: (note: GuardedNote) => level(note) >= levels(note),
    refusal: { code: 'wrong_level', reason: 'Another level of approval follows this one: approving it passes the note on.' },
  },
} as const satisfies Record<string, Guard>;

export type GuardName = keyof typeof GUARDS;
