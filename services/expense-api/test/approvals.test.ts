import { randomUUID } from 'node:crypto';
import type { ApprovalPage } from '@ndf/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startExpense, type ExpenseUnderTest } from './expense-fixture.js';

let expense: ExpenseUnderTest;
let carol: string;

beforeAll(async () => {
  expense = await startExpense('expense-approvals-');
  carol = await expense.token({ user: 'carol', roles: ['approver'] });
});
afterAll(async () => expense?.stop());

const page = async (query: string, token = carol) => {
  const answer = await expense.call('GET', '/v1/approvals', `/v1/approvals${query}`, { token });
  return { status: answer.status, body: answer.body as ApprovalPage };
};

/** Every page from the first, `limit` at a time. */
async function walk(limit: number, token = carol): Promise<ApprovalPage[]> {
  const pages: ApprovalPage[] = [];
  let cursor: string | undefined;
  do {
    const answer = await page(`?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    expect(answer.status).toBe(200);
    pages.push(answer.body);
    cursor = answer.body.nextCursor;
  } while (cursor);
  return pages;
}

describe("GET /v1/approvals: the approver's queue", () => {
  it('is empty for an approver with nothing to decide', async () => {
    expect(await page('', await expense.token({ user: 'erin', roles: ['approver'] }))).toEqual({ status: 200, body: { items: [] } });
  });

  it('lists each note awaiting the approver, oldest request first, with what the queue shows of it', async () => {
    const token = await expense.token({ user: 'frank', roles: ['approver'] });
    const newer = await expense.putApproval({ approver: 'frank', requestedAt: '2026-03-05T10:00:00.000Z', owner: 'bob', level: 2 });
    const older = await expense.putApproval({ approver: 'frank', requestedAt: '2026-03-01T10:00:00.000Z', owner: 'alice' });
    const answer = await page('', token);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      items: [
        {
          noteId: older.noteId,
          owner: 'alice',
          level: 1,
          noteVersion: 2,
          requestedAt: '2026-03-01T10:00:00.000Z',
          date: '2026-03-12',
          amount: { value: '42.50', currency: 'EUR' },
          merchant: 'Café de la Gare',
          category: 'meals',
        },
        expect.objectContaining({ noteId: newer.noteId, owner: 'bob', level: 2, requestedAt: '2026-03-05T10:00:00.000Z' }),
      ],
    });
  });

  it('pages with an opaque cursor: every item once, in order, and no cursor on the last page', async () => {
    const requested = ['2026-02-01', '2026-02-03', '2026-02-02', '2026-02-05', '2026-02-04'].map((day) => `${day}T09:30:00.000Z`);
    // Two requests at the same instant: the note id keeps them apart and in a stable order.
    requested.push('2026-02-03T09:30:00.000Z');
    const written = [];
    for (const requestedAt of requested) written.push(await expense.putApproval({ approver: 'carol', requestedAt }));
    const expected = written
      .map((item) => `${item.requestedAt}#${item.noteId}`)
      .sort()
      .map((key) => key.slice(key.indexOf('#') + 1));

    const byTwo = await walk(2);
    expect(byTwo.map((one) => one.items.length)).toEqual([2, 2, 2]);
    expect(byTwo.flatMap((one) => one.items.map((item) => item.noteId))).toEqual(expected);
    expect(byTwo.at(-1)!.nextCursor).toBeUndefined();
    const byFour = await walk(4);
    expect(byFour.map((one) => one.items.length)).toEqual([4, 2]);
    expect(byFour.flatMap((one) => one.items.map((item) => item.noteId))).toEqual(expected);
    // A page that ends exactly at the last item says so: no cursor to an empty page.
    expect((await walk(6)).map((one) => [one.items.length, one.nextCursor])).toEqual([[6, undefined]]);
    expect((await page('')).body.items).toHaveLength(6);
  });

  it("moves a cursor within the caller's own queue only: another approver's cursor reads their own queue", async () => {
    await expense.putApproval({ approver: 'grace', requestedAt: '2026-01-01T00:00:00.000Z', merchant: "grace's" });
    const first = await page('?limit=1');
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const grace = await expense.token({ user: 'grace', roles: ['approver'] });
    const borrowed = await page(`?cursor=${encodeURIComponent(first.body.nextCursor!)}`, grace);
    expect(borrowed.status).toBe(200);
    expect(borrowed.body.items.every((item) => item.merchant === "grace's")).toBe(true);
  });

  it('refuses with 400 naming the parameter: a cursor it did not hand out, a limit out of range, an unknown parameter', async () => {
    const forged = Buffer.from(JSON.stringify({ after: `T#globex#APPROVER#carol` })).toString('base64url');
    const cases: [string, string][] = [
      ['?cursor=not-a-cursor', 'cursor'],
      [`?cursor=${forged}`, 'cursor'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?limit=many', 'limit'],
      [`?status=${randomUUID()}`, 'status'],
    ];
    for (const [query, field] of cases) {
      const answer = await page(query);
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
      expect(answer.body).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ field, in: 'query' })] });
    }
  });
});
