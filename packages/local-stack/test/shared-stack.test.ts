import { PutItemCommand, ScanCommand, paginateListTables } from '@aws-sdk/client-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useSharedStack, type SharedStack } from '../src/testing/index.js';

const noServices = { ...catalog, services: [] };
let first: SharedStack;
let second: SharedStack;

beforeAll(async () => {
  [first, second] = await Promise.all([useSharedStack('kit-first-', noServices), useSharedStack('kit-second-', noServices)]);
});
afterAll(async () => {
  await first?.stop();
  await second?.stop();
});

describe('useSharedStack', () => {
  it('gives every prefix the same emulators and its own tables, each seeing only its own items', async () => {
    expect(second.endpoints).toEqual(first.endpoints);
    // Every page: a run's shared stack holds the catalog's tables (three) per test file, past ListTables' 100 a page with a large fleet.
    const tables: string[] = [];
    for await (const page of paginateListTables({ client: first.clients.dynamodb }, {})) tables.push(...(page.TableNames ?? []));
    expect(tables).toEqual(expect.arrayContaining([tableName('kit-first-', 'notes'), tableName('kit-second-', 'notes')]));

    const item = { pk: { S: 'TENANT#acme' }, sk: { S: 'NOTE#1' } };
    await first.clients.dynamodb.send(new PutItemCommand({ TableName: tableName('kit-first-', 'notes'), Item: item }));
    const scan = (stack: SharedStack) =>
      stack.clients.dynamodb.send(new ScanCommand({ TableName: tableName(stack.config.prefix, 'notes') }));
    expect((await scan(first)).Items).toEqual([item]);
    expect((await scan(second)).Items).toEqual([]);
  });

  it("gives a service the stack's environment under the file's prefix, and mints tokens for the stack's audience", async () => {
    expect(first.environment()).toMatchObject({ NDF_PREFIX: 'kit-first-', AWS_ENDPOINT_URL_DYNAMODB: first.endpoints.dynamodb });
    const token = await first.issuer.mint({ tenant: 'acme', user: 'alice', roles: ['employee'] });
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    expect(payload).toMatchObject({ iss: first.endpoints.issuer, aud: first.issuer.audience, 'custom:tenant': 'acme' });
  });
});
