import { describe, expect, it } from 'vitest';
import { cardHolders, defaultSettings, parseSettings } from '../src/index.js';

describe('the CARDS document', () => {
  it('maps each card to its holder, with the days before a reminder', () => {
    const parsed = parseSettings('CARDS', {
      cards: [
        { last4: '4242', holder: 'emma' },
        { last4: '0005', holder: 'paul' },
      ],
      reminderAfterDays: 10,
    });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(cardHolders(parsed.value)).toEqual({ '4242': 'emma', '0005': 'paul' });
  });

  it('refuses a card given twice, a number that is not four digits and a holder that is not a user id', () => {
    const twice = parseSettings('CARDS', {
      cards: [
        { last4: '4242', holder: 'emma' },
        { last4: '4242', holder: 'paul' },
      ],
      reminderAfterDays: 10,
    });
    expect(twice).toMatchObject({ ok: false, problems: [{ field: '/cards/1/last4', code: 'duplicate_name' }] });
    const shape = parseSettings('CARDS', { cards: [{ last4: '42', holder: 'a b' }], reminderAfterDays: 0 });
    expect(shape.ok).toBe(false);
    if (!shape.ok)
      expect(shape.problems.map((problem) => problem.field).sort()).toEqual(['/cards/0/holder', '/cards/0/last4', '/reminderAfterDays']);
  });

  it('defaults to no card and a reminder after 14 days', () => {
    expect(defaultSettings('CARDS')).toEqual({ cards: [], reminderAfterDays: 14 });
  });
});
