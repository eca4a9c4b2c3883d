import { catalog, tableName } from '@ndf/catalog';
import { tenantScope } from '@ndf/contracts';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAllSettings, readSettings, SettingsCache, writeSettings } from '../src/index.js';

const PREFIX = 'settings-';
const admin = tenantScope({ tenant: 'acme', user: 'admin-1', roles: ['admin'] });
const other = tenantScope({ tenant: 'globex', user: 'admin-2', roles: ['admin'] });
const signal = new AbortController().signal;
let stack: SharedStack;

beforeAll(async () => {
  stack = await useSharedStack(PREFIX, catalog);
});
afterAll(async () => {
  await stack?.stop();
});

const table = () => tableName(PREFIX, 'notes');
const policy = (perDay: string) => ({
  currency: 'EUR',
  rules: [{ kind: 'category_cap', severity: 'block', category: 'restaurant', perDay }],
});

describe('tenant settings in the notes table', () => {
  it('writes a document at the version it read, and refuses a write from a version since replaced', async () => {
    const db = stack.clients.dynamodb;
    expect(await readSettings(db, table(), admin, 'POLICY', signal)).toMatchObject({ version: 0, value: { rules: [] } });
    const first = await writeSettings(db, table(), admin, 'POLICY', policy('25.00'), 0, signal);
    expect(first).toMatchObject({ outcome: 'written', settings: { version: 1, updatedBy: 'admin-1' } });
    // Two administrators read version 1; the first to write wins, the second is told the version now there.
    expect(await writeSettings(db, table(), admin, 'POLICY', policy('30.00'), 1, signal)).toMatchObject({
      outcome: 'written',
      settings: { version: 2 },
    });
    expect(await writeSettings(db, table(), admin, 'POLICY', policy('35.00'), 1, signal)).toEqual({
      outcome: 'conflict',
      currentVersion: 2,
    });
    // Creating it again from the default is a conflict too.
    expect(await writeSettings(db, table(), admin, 'POLICY', policy('35.00'), 0, signal)).toEqual({
      outcome: 'conflict',
      currentVersion: 2,
    });
    expect(await readSettings(db, table(), admin, 'POLICY', signal)).toMatchObject({
      version: 2,
      value: { rules: [{ perDay: '30.00' }] },
    });
    // Another tenant still has its default.
    expect(await readSettings(db, table(), other, 'POLICY', signal)).toMatchObject({ version: 0 });
  });

  it('refuses an invalid document or version, naming the field, and writes nothing', async () => {
    const db = stack.clients.dynamodb;
    expect(
      await writeSettings(db, table(), other, 'CATEGORIES', { categories: [{ name: 'Taxi', vatCategory: 'cab' }] }, 0, signal),
    ).toMatchObject({
      outcome: 'invalid',
      problems: [{ field: '/categories/0/vatCategory', code: 'invalid_shape' }],
    });
    expect(
      await writeSettings(db, table(), other, 'CATEGORIES', { categories: [{ name: 'Taxi', vatCategory: 'taxi' }] }, -1, signal),
    ).toMatchObject({
      outcome: 'invalid',
      problems: [{ field: '/version' }],
    });
    const all = await readAllSettings(db, table(), other, signal);
    expect(all.CATEGORIES.version).toBe(0);
    expect(all.CATEGORIES.value.categories).toHaveLength(12);
    expect(all.APPROVERS).toMatchObject({ version: 0, value: { levels: [] } });
  });

  it('serves a cached document for at most its maximum age, then reads the change', async () => {
    const db = stack.clients.dynamodb;
    const scope = tenantScope({ tenant: 'initech', user: 'admin-3', roles: ['admin'] });
    let now = 1_000_000;
    const cache = new SettingsCache(db, table(), { maxAgeMs: 60_000, now: () => now });
    expect((await cache.read(scope, 'POLICY', signal)).version).toBe(0);
    await writeSettings(db, table(), scope, 'POLICY', policy('20.00'), 0, signal);
    now += 59_999;
    expect((await cache.read(scope, 'POLICY', signal)).version).toBe(0);
    now += 1;
    expect(await cache.read(scope, 'POLICY', signal)).toMatchObject({ version: 1, value: { rules: [{ perDay: '20.00' }] } });
  });

  it('keeps at most its number of documents, dropping the least recently read', async () => {
    const db = stack.clients.dynamodb;
    const reads: string[] = [];
    const counting = {
      send: (command: { input: { Key?: Record<string, { S?: string }> } }, options: unknown) => {
        reads.push(command.input.Key?.pk?.S ?? '');
        return db.send(command as never, options as never);
      },
    } as unknown as typeof db;
    const cache = new SettingsCache(counting, table(), { maxEntries: 2 });
    const [a, b, c] = ['t-a', 't-b', 't-c'].map((tenant) => tenantScope({ tenant, user: 'u', roles: [] }));
    await cache.read(a!, 'POLICY', signal);
    await cache.read(b!, 'POLICY', signal);
    await cache.read(a!, 'POLICY', signal); // a is now the most recent
    await cache.read(c!, 'POLICY', signal); // b goes
    await cache.read(a!, 'POLICY', signal);
    await cache.read(b!, 'POLICY', signal);
    expect(reads).toEqual(['T#t-a#SETTINGS', 'T#t-b#SETTINGS', 'T#t-c#SETTINGS', 'T#t-b#SETTINGS']);
  });
});
