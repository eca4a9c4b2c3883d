import { catalog, tableName } from '@ndf/catalog';
import { categoryHistoryKey, tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { readItem } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHistory, recordChoice, type Choice } from '../src/history-store.js';

const PREFIX = 'category-history-';
const scope = tenantScope({ tenant: 'store-co', user: 'categorizer', roles: [] });
const signal = new AbortController().signal;
let stack: SharedStack;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
});
afterAll(async () => {
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const history = (noteId: string, merchantKey?: string) => readHistory(stack.clients.dynamodb, table(), scope, noteId, merchantKey, signal);
const record = async (noteId: string, version: number, choice: Choice | undefined) => {
  const { counted } = await history(noteId);
  return recordChoice(stack.clients.dynamodb, table(), scope, { noteId, version }, counted, choice, signal);
};

describe("a tenant's category history", () => {
  it('counts each note once, at its latest version, and moves its count when its merchant or category changes', async () => {
    const train = { merchantKey: 'SNCF', category: 'train' };
    expect(await record('n1', 1, train)).toBe('recorded');
    expect(await record('n1', 1, train)).toBe('unchanged');
    expect(await record('n2', 1, train)).toBe('recorded');
    expect((await history('n3', 'SNCF')).counts).toEqual({ train: 2 });

    // Version 3 of n1 goes to another merchant; version 2, read before it, comes late.
    expect(await record('n1', 3, { merchantKey: 'G7', category: 'taxi' })).toBe('recorded');
    expect(await record('n1', 2, { merchantKey: 'SNCF', category: 'plane' })).toBe('unchanged');
    expect((await history('n3', 'SNCF')).counts).toEqual({ train: 1 });
    expect((await history('n3', 'G7')).counts).toEqual({ taxi: 1 });

    // Its category removed: it counts for nothing, and remembers the version that said so.
    expect(await record('n1', 4, undefined)).toBe('recorded');
    expect((await history('n3', 'G7')).counts).toEqual({});
    expect(await readItem(stack.clients.dynamodb, table(), categoryHistoryKey(scope, { noteId: 'n1' }))).toMatchObject({
      type: 'CATEGORY_HISTORY',
      noteVersion: 4,
      revision: 3,
    });
    expect(await record('n1', 3, { merchantKey: 'G7', category: 'taxi' })).toBe('unchanged');
  });

  it('refuses a write made on a choice another write has changed since it was read', async () => {
    const { counted } = await history('n4');
    expect(await record('n4', 1, { merchantKey: 'SNCF', category: 'train' })).toBe('recorded');
    // Read before that write: recording from it would count the note twice.
    const late = await recordChoice(
      stack.clients.dynamodb,
      table(),
      scope,
      { noteId: 'n4', version: 2 },
      counted,
      { merchantKey: 'SNCF', category: 'plane' },
      signal,
    );
    expect(late).toBe('conflict');
    expect((await history('n5', 'SNCF')).counts).toEqual({ train: 2 });
  });
});
