import { randomUUID } from 'node:crypto';
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { catalog, type Catalog } from '@ndf/catalog';
import {
  approvalKey,
  approvalQueueSortKey,
  approverQueue,
  ITEM_TYPES,
  tenantScope,
  type ApprovalItem,
  type expenseApiDocument,
  type NoteItem,
} from '@ndf/contracts';
import { readNoteHistory, transitionNote, type NoteWithHistory, type TransitionRequest } from '@ndf/note-workflow';
import type { Answer } from '@ndf/http-api';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { startApiUnderTest, testNoteItem, type ApiUnderTest, type CallOptions } from '@ndf/testkit';
import type { ExpenseHandler } from '../src/app.js';
import { expenseApiEntry, type ExpenseConfig } from '../src/config.js';
import { expenseApp } from '../src/expense-app.js';
import { expenseContract } from '../src/validation/contract.js';

/** The platform's tables with no worker service at all: the expense API needs none. */
const apiOnlyCatalog: Catalog = { ...catalog, services: [] };

type Template = keyof typeof expenseApiDocument.paths;

export interface ExpenseUnderTest {
  readonly stack: SharedStack;
  readonly config: ExpenseConfig;
  readonly api: ExpenseHandler;
  /** The handler's metrics lines (EMF), kept here instead of printed. */
  readonly metricLines: string[];
  token: ApiUnderTest<Template>['token'];
  /** A request through the gateway; throws unless the answer is one the expense API's document declares. */
  call(method: string, template: Template, path: string, options?: CallOptions): Promise<Answer>;
  /** Writes an APPROVAL item as the approval workflow will: directly in the notes table. */
  putApproval(approval: ApprovalFields): Promise<ApprovalItem>;
  /** Writes a NOTE item as the ingest API creates it (a draft of 42.50 EUR owned by alice in acme), with `fields` over it. */
  putNote(noteId: string, fields?: Partial<Omit<NoteItem, 'pk' | 'sk' | 'noteId'>>): Promise<void>;
  /** A transition made directly through @ndf/note-workflow, as a service makes it (the approval workflow's routing). */
  transition(noteId: string, request: Omit<TransitionRequest, 'noteId' | 'requestId'>, tenant?: string): Promise<void>;
  /** The note and its history as stored. */
  stored(noteId: string, tenant?: string): Promise<NoteWithHistory>;
  stop(): Promise<void>;
}

export interface ApprovalFields {
  readonly tenant?: string;
  readonly approver: string;
  readonly requestedAt: string;
  readonly owner?: string;
  readonly noteId?: string;
  readonly level?: number;
  readonly merchant?: string;
}

/** The run's shared stack under `prefix`, the expense handler built against it, and the gateway stand-in in front. */
export async function startExpense(
  prefix: string,
  options: { dynamodbEndpoint?: (stack: SharedStack) => Promise<string>; config?: Partial<ExpenseConfig>; clock?: () => Date } = {},
): Promise<ExpenseUnderTest> {
  const stack = await useSharedStack(prefix, apiOnlyCatalog);
  const env = {
    ...stack.environment(),
    ...(options.dynamodbEndpoint ? { AWS_ENDPOINT_URL_DYNAMODB: await options.dynamodbEndpoint(stack) } : {}),
  };
  const metricLines: string[] = [];
  const app = expenseApp(
    env,
    { clock: options.clock ?? (() => new Date()), log: () => undefined, metrics: (line) => void metricLines.push(line) },
    options.config,
  );
  const { config, handle: api } = app;
  // The emulator's first query of the index can take over the handler's 1-second SDK timeout
  // while the JVM warms up: a query of the stack's own client (no such limit) pays for it.
  await stack.clients.dynamodb.send(
    new QueryCommand({
      TableName: config.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :queue',
      ExpressionAttributeValues: marshall({ ':queue': 'T#warm-up#APPROVER#nobody' }),
    }),
  );
  const served = await startApiUnderTest<Template>({ stack, entry: expenseApiEntry(), handler: api, contract: expenseContract() });

  const putApproval = async (fields: ApprovalFields): Promise<ApprovalItem> => {
    const tenant = fields.tenant ?? 'acme';
    const owner = fields.owner ?? 'alice';
    const noteId = fields.noteId ?? randomUUID();
    const scope = tenantScope({ tenant, user: owner, roles: [] });
    const item: ApprovalItem = {
      ...approvalKey(scope, noteId, fields.approver),
      type: ITEM_TYPES.approval,
      tenant,
      noteId,
      approver: fields.approver,
      owner,
      level: fields.level ?? 1,
      noteVersion: 2,
      requestedAt: fields.requestedAt,
      gsi1pk: approverQueue(scope, fields.approver),
      gsi1sk: approvalQueueSortKey(fields.requestedAt, noteId),
      date: '2026-03-12',
      amount: { value: '42.50', currency: 'EUR' },
      merchant: fields.merchant ?? 'Café de la Gare',
      category: 'meals',
    };
    await stack.clients.dynamodb.send(new PutItemCommand({ TableName: config.tableName, Item: marshall(item) }));
    return item;
  };

  const scopeOf = (tenant: string) => tenantScope({ tenant, user: 'test', roles: [] });
  const signal = new AbortController().signal;

  return {
    stack,
    config,
    api,
    metricLines,
    token: served.token,
    call: served.call,
    putApproval,
    async putNote(noteId, fields = {}) {
      const item = testNoteItem(fields.tenant ?? 'acme', noteId, fields);
      await stack.clients.dynamodb.send(new PutItemCommand({ TableName: config.tableName, Item: marshall(item) }));
    },
    async transition(noteId, request, tenant = 'acme') {
      const result = await transitionNote(
        stack.clients.dynamodb,
        config.tableName,
        scopeOf(tenant),
        { noteId, requestId: randomUUID(), ...request },
        signal,
      );
      if (result.result !== 'applied') throw new Error(`The transition was not applied: ${JSON.stringify(result)}`);
    },
    stored: (noteId, tenant = 'acme') => readNoteHistory(stack.clients.dynamodb, config.tableName, scopeOf(tenant), noteId, signal),
    async stop() {
      await served.stop();
      app.destroy();
      await stack.stop();
    },
  };
}
