import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import {
  ITEM_TYPES,
  listingSortKey,
  noteKey,
  ownerListing,
  receiptKey,
  settingsKey,
  stageKey,
  tenantScope,
  type ChangeMessage,
  type TenantScope,
} from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { stageItem } from '@ndf/receipt-pipeline';
import { SettingsCache, writeSettings } from '@ndf/tenant-settings';
import { readItem, startServiceUnderTest, type ServiceUnderTest } from '@ndf/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { service } from '../src/service.js';

const PREFIX = 'policy-checker-';
const signal = new AbortController().signal;
let stack: SharedStack;
let checker: ServiceUnderTest;
// The settings cache's clock: a test moves it past the cache's maximum age to see a change of settings.
let clock = Date.parse('2026-03-13T10:00:00Z');

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
  checker = await startServiceUnderTest(
    {
      ...service,
      dependencies: (context) => {
        const notesTable = tableName(context.prefix, 'notes');
        return {
          dynamodb: context.clients.dynamodb,
          notesTable,
          settings: new SettingsCache(context.clients.dynamodb, notesTable, { now: () => clock }),
        };
      },
    },
    stack,
  );
});
afterAll(async () => {
  await checker?.stop();
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const put = (item: object) =>
  stack.clients.dynamodb.send(new PutItemCommand({ TableName: table(), Item: marshall(item, { removeUndefinedValues: true }) }));
const eur = (value: string) => ({ value, currency: 'EUR' });

let sequence = 0;
const changeOf = (item: Record<string, unknown>, oldImage?: Record<string, unknown>): ChangeMessage => ({
  kind: 'change',
  table: 'notes',
  eventId: `e${++sequence}`,
  eventName: 'MODIFY',
  itemType: item.type as string,
  keys: { pk: item.pk as string, sk: item.sk as string },
  sequenceNumber: String(sequence),
  newImage: item,
  ...(oldImage ? { oldImage } : {}),
});

async function setPolicy(scope: TenantScope, rules: unknown[], versionRead: number) {
  const written = await writeSettings(stack.clients.dynamodb, table(), scope, 'POLICY', { currency: 'EUR', rules }, versionRead, signal);
  expect(written.outcome).toBe('written');
}

/** A note item as the ingest API writes it, in its owner's listing. */
function note(
  scope: TenantScope,
  id: string,
  fields: { amount: { value: string; currency: string }; createdAt: string } & Record<string, unknown>,
) {
  const noteId = `0c000000-0000-4000-8000-0000000000${id}`;
  const date = (fields.date as string | undefined) ?? '2026-03-12';
  const owner = (fields.owner as string | undefined) ?? 'alice';
  return {
    ...noteKey(scope, noteId),
    type: ITEM_TYPES.note,
    tenant: scope.tenant,
    noteId,
    owner,
    status: 'submitted',
    version: 2,
    date,
    category: 'restaurant',
    receiptIds: [],
    requestHash: 'h',
    updatedAt: '2026-03-13T09:00:00.000Z',
    gsi1pk: ownerListing(tenantScope({ tenant: scope.tenant, user: owner, roles: [] })),
    gsi1sk: listingSortKey(date, noteId),
    ...fields,
  };
}

const stageOf = (scope: TenantScope, item: { noteId: string }) =>
  readItem(stack.clients.dynamodb, table(), stageKey(scope, 'policy-checker', item));
const withoutTime = (stage: Record<string, unknown> | undefined) => ({ ...stage, updatedAt: undefined });

describe('policy-checker', () => {
  it('splits a meal over its cap; a repeat, or the change of an older version handled late, changes nothing', async () => {
    const scope = tenantScope({ tenant: 'pc-cap', user: 'admin', roles: ['admin'] });
    await setPolicy(scope, [{ kind: 'category_cap', severity: 'block', category: 'restaurant', perExpense: '25.00' }], 0);
    const v2 = note(scope, '01', { amount: eur('38.40'), createdAt: '2026-03-12T12:00:00.000Z' });
    await put(v2);
    await checker.handle(changeOf(v2));
    // 38.40 - 25.00 = 13.40 refused.
    const first = await stageOf(scope, v2);
    expect(first).toMatchObject({
      type: 'STAGE',
      service: 'policy-checker',
      noteVersion: 2,
      status: 'succeeded',
      code: 'amount_capped',
      outcome: {
        blocking: false,
        amounts: { claimed: eur('38.40'), allowed: eur('25.00'), refused: eur('13.40') },
        violations: [{ code: 'cap_per_expense', split: { capped: eur('25.00'), refused: eur('13.40') } }],
        policyVersion: 1,
      },
    });
    await checker.handle(changeOf(v2));
    expect(withoutTime(await stageOf(scope, v2))).toEqual(withoutTime(first));

    const v3 = { ...v2, version: 3, amount: eur('24.00') };
    await put(v3);
    await checker.handle(changeOf(v3, v2));
    await checker.handle(changeOf(v2));
    expect(await stageOf(scope, v3)).toMatchObject({ noteVersion: 3, outcome: { violations: [], amounts: { allowed: eur('24.00') } } });
  });

  it('blocks a note without a receipt above the threshold, until its receipt is read', async () => {
    const scope = tenantScope({ tenant: 'pc-receipt', user: 'admin', roles: ['admin'] });
    await setPolicy(scope, [{ kind: 'receipt_required', severity: 'block', above: '50.00' }], 0);
    const receiptId = '0c000000-0000-4000-8000-0000000000f1';
    const taxi = note(scope, '02', {
      amount: eur('72.00'),
      category: 'taxi',
      createdAt: '2026-03-12T12:00:00.000Z',
      receiptIds: [receiptId],
    });
    await put(taxi);
    const receipt = {
      ...receiptKey(scope, receiptId, taxi.noteId),
      type: ITEM_TYPES.receipt,
      tenant: scope.tenant,
      receiptId,
      noteId: taxi.noteId,
      status: 'reading',
    };
    await put(receipt);
    await checker.handle(changeOf(taxi));
    expect(await stageOf(scope, taxi)).toMatchObject({
      status: 'succeeded',
      code: 'policy_blocked',
      reason: 'A receipt is required above 50.00 EUR.',
      outcome: { blocking: true, violations: [{ code: 'receipt_missing', severity: 'block' }] },
    });
    const processed = { ...receipt, status: 'processed', extracted: { merchant: { value: 'TAXI G7', confidence: 0.9 } } };
    await put(processed);
    await checker.handle(changeOf(processed));
    const after = await stageOf(scope, taxi);
    expect(after).toMatchObject({ status: 'succeeded', outcome: { blocking: false, violations: [] } });
    expect(after?.code).toBeUndefined();
  });

  it("counts the employee's other notes of the day towards a daily cap, and checks the later ones again when an earlier one changes", async () => {
    const scope = tenantScope({ tenant: 'pc-day', user: 'admin', roles: ['admin'] });
    await setPolicy(scope, [{ kind: 'category_cap', severity: 'block', category: 'restaurant', perDay: '60.00' }], 0);
    const breakfast = note(scope, '11', { amount: eur('25.00'), createdAt: '2026-03-12T08:00:00.000Z' });
    const lunch = note(scope, '12', { amount: eur('20.00'), createdAt: '2026-03-12T09:00:00.000Z' });
    const dinner = note(scope, '13', { amount: eur('30.00'), createdAt: '2026-03-12T12:00:00.000Z' });
    // Neither another employee's note of the day nor the employee's note of the day before counts.
    const colleagues = note(scope, '14', { amount: eur('50.00'), createdAt: '2026-03-12T07:00:00.000Z', owner: 'bob' });
    const dayBefore = note(scope, '15', { amount: eur('50.00'), createdAt: '2026-03-11T07:00:00.000Z', date: '2026-03-11' });
    for (const item of [breakfast, lunch, dinner, colleagues, dayBefore]) await put(item);
    await checker.handle(changeOf(dinner));
    // 60.00 - 25.00 - 20.00 = 15.00 left for the dinner's 30.00: 15.00 allowed, 15.00 refused.
    expect(await stageOf(scope, dinner)).toMatchObject({
      outcome: { amounts: { allowed: eur('15.00'), refused: eur('15.00') }, violations: [{ code: 'cap_per_day' }] },
    });
    // The breakfast corrected to 35.00: 60.00 - 35.00 - 20.00 = 5.00 left for the dinner (25.00 refused); the lunch still fits (60.00 - 35.00 = 25.00 >= 20.00).
    const corrected = { ...breakfast, version: 3, amount: eur('35.00') };
    await put(corrected);
    await checker.handle(changeOf(corrected, breakfast));
    expect(await stageOf(scope, dinner)).toMatchObject({ outcome: { amounts: { allowed: eur('5.00'), refused: eur('25.00') } } });
    expect(await stageOf(scope, lunch)).toMatchObject({ outcome: { amounts: { allowed: eur('20.00') }, violations: [] } });
    expect(await stageOf(scope, corrected)).toMatchObject({ noteVersion: 3, outcome: { violations: [] } });
  });

  it("uses the tenant's changed settings from the next check once the cache's maximum age has passed", async () => {
    const scope = tenantScope({ tenant: 'pc-settings', user: 'admin', roles: ['admin'] });
    const hotel = note(scope, '21', { amount: eur('140.00'), category: 'hotel', createdAt: '2026-03-12T12:00:00.000Z' });
    await put(hotel);
    await checker.handle(changeOf(hotel));
    // No policy written: the default has no rule.
    expect(await stageOf(scope, hotel)).toMatchObject({ outcome: { violations: [], policyVersion: 0 } });
    await setPolicy(scope, [{ kind: 'category_cap', severity: 'block', category: 'hotel', perExpense: '120.00' }], 0);
    clock += 60_000;
    await checker.handle(changeOf(hotel));
    expect(await stageOf(scope, hotel)).toMatchObject({
      outcome: { policyVersion: 1, amounts: { allowed: eur('120.00'), refused: eur('20.00') } },
    });
    await setPolicy(scope, [{ kind: 'category_cap', severity: 'warning', category: 'hotel', perExpense: '130.00' }], 1);
    // Within the maximum age the version read stays in use; past it, the new one is.
    await checker.handle(changeOf(hotel));
    expect(await stageOf(scope, hotel)).toMatchObject({ outcome: { policyVersion: 1 } });
    clock += 60_000;
    await checker.handle(changeOf(hotel));
    expect(await stageOf(scope, hotel)).toMatchObject({
      outcome: {
        policyVersion: 2,
        amounts: { allowed: eur('140.00'), refused: eur('0.00') },
        violations: [{ code: 'cap_per_expense', severity: 'warning' }],
      },
    });
  });

  it("waits for a foreign note's converted amount, checks it once the converter's stage comes, and leaves a note no longer open alone", async () => {
    const scope = tenantScope({ tenant: 'pc-foreign', user: 'admin', roles: ['admin'] });
    await setPolicy(scope, [{ kind: 'category_cap', severity: 'block', category: 'restaurant', perExpense: '80.00' }], 0);
    const dinner = note(scope, '31', { amount: { value: '100.00', currency: 'USD' }, createdAt: '2026-03-12T12:00:00.000Z' });
    await put(dinner);
    await checker.handle(changeOf(dinner));
    expect(await stageOf(scope, dinner)).toMatchObject({ status: 'pending', code: 'awaiting_conversion', noteVersion: 2 });
    const conversion = {
      ...stageItem(
        scope,
        'currency-converter',
        { noteId: dinner.noteId },
        {
          status: 'succeeded',
          outcome: { original: dinner.amount, converted: eur('85.87') },
        },
      ),
      noteVersion: 2,
    };
    await put(conversion);
    await checker.handle(changeOf(conversion));
    // 85.87 - 80.00 = 5.87 refused.
    expect(await stageOf(scope, dinner)).toMatchObject({
      status: 'succeeded',
      outcome: { amountFrom: 'currency-converter', amounts: { claimed: eur('85.87'), allowed: eur('80.00'), refused: eur('5.87') } },
    });

    const approved = note(scope, '32', { amount: eur('500.00'), createdAt: '2026-03-12T13:00:00.000Z', status: 'approved' });
    await put(approved);
    await checker.handle(changeOf(approved));
    expect(await stageOf(scope, approved)).toBeUndefined();
  });

  it('checks again the later notes of the date a note left, which it no longer takes room from', async () => {
    const scope = tenantScope({ tenant: 'pc-moved', user: 'admin', roles: ['admin'] });
    await setPolicy(scope, [{ kind: 'category_cap', severity: 'block', category: 'restaurant', perDay: '50.00' }], 0);
    const lunch = note(scope, '41', { amount: eur('40.00'), createdAt: '2026-03-12T08:00:00.000Z' });
    const dinner = note(scope, '42', { amount: eur('30.00'), createdAt: '2026-03-12T12:00:00.000Z' });
    await put(lunch);
    await put(dinner);
    await checker.handle(changeOf(dinner));
    // 50.00 - 40.00 = 10.00 left for the dinner.
    expect(await stageOf(scope, dinner)).toMatchObject({ outcome: { amounts: { allowed: eur('10.00') } } });
    const movedLunch = { ...lunch, version: 3, date: '2026-03-11', gsi1sk: listingSortKey('2026-03-11', lunch.noteId) };
    await put(movedLunch);
    await checker.handle(changeOf(movedLunch, lunch));
    expect(await stageOf(scope, dinner)).toMatchObject({ outcome: { amounts: { allowed: eur('30.00') }, violations: [] } });
  });

  it('refuses the check (a stage, not a quarantined message) when the stored policy no longer passes its schema', async () => {
    const scope = tenantScope({ tenant: 'pc-broken', user: 'admin', roles: ['admin'] });
    await put({
      ...settingsKey(scope, 'POLICY'),
      type: ITEM_TYPES.settings,
      tenant: scope.tenant,
      document: 'POLICY',
      version: 4,
      value: { currency: 'EUR', rules: [{ kind: 'category_cap', severity: 'block', category: 'restaurant' }] },
    });
    const lunch = note(scope, '51', { amount: eur('40.00'), createdAt: '2026-03-12T08:00:00.000Z' });
    await put(lunch);
    await checker.handle(changeOf(lunch));
    expect(await stageOf(scope, lunch)).toMatchObject({ status: 'refused', code: 'policy_invalid', noteVersion: 2 });
  });
});
