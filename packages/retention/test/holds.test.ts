import { describe, expect, it } from 'vitest';
import { holdOn, type Hold } from '../src/holds.js';

const base = { reason: 'dispute', placedBy: 'carol', placedAt: '2026-01-01T00:00:00.000Z' };
const onNote: Hold = { ...base, holdId: 'h-note', scope: { kind: 'note', noteId: 'n1' } };
const onBob: Hold = { ...base, holdId: 'h-bob', scope: { kind: 'employee', employee: 'bob' } };
const onAll: Hold = { ...base, holdId: 'h-all', scope: { kind: 'all' } };

describe('holdOn', () => {
  it('finds the hold naming the note, one of its people, or the whole tenant', () => {
    expect(holdOn([onNote, onBob], { noteId: 'n1', people: ['alice'] })?.holdId).toBe('h-note');
    expect(holdOn([onNote, onBob], { noteId: 'n2', people: ['alice', 'bob'] })?.holdId).toBe('h-bob');
    expect(holdOn([onNote, onBob], { noteId: 'n2', people: ['alice'] })).toBeUndefined();
    expect(holdOn([onAll], { noteId: 'n2', people: [] })?.holdId).toBe('h-all');
  });

  it('ignores a released hold', () => {
    const released: Hold = { ...onAll, releasedBy: 'carol', releasedAt: '2026-02-01T00:00:00.000Z' };
    expect(holdOn([released], { noteId: 'n1', people: ['alice'] })).toBeUndefined();
  });
});
