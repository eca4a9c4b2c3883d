import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { ITEM_TYPES, settingsKey, type TenantScope } from '@ndf/contracts';
import {
  defaultSettings,
  isSettingsDocument,
  parseSettings,
  SETTINGS_DOCUMENTS,
  type SettingsDocument,
  type SettingsDocuments,
} from './documents.js';
import { settingsProblem, type SettingsProblem } from './problems.js';

/** A settings document as it stands: version 0 is the default, none written yet. */
export interface StoredSettings<D extends SettingsDocument> {
  readonly document: D;
  readonly version: number;
  readonly value: SettingsDocuments[D];
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

export type WriteSettingsResult<D extends SettingsDocument> =
  | { readonly outcome: 'written'; readonly settings: StoredSettings<D> }
  | { readonly outcome: 'invalid'; readonly problems: readonly SettingsProblem[] }
  /** Someone wrote since the version the writer read: it reads again and decides again. */
  | { readonly outcome: 'conflict'; readonly currentVersion: number };

/** A stored document that no longer passes its schema (written by hand, or a schema since made stricter). */
export class StoredSettingsError extends Error {
  constructor(
    readonly document: SettingsDocument,
    readonly problems: readonly SettingsProblem[],
  ) {
    super(`The stored ${document} settings are not valid: ${problems.map((problem) => `${problem.field} ${problem.message}`).join('; ')}.`);
    this.name = 'StoredSettingsError';
  }
}

function fromItem<D extends SettingsDocument>(document: D, item: Record<string, unknown> | undefined): StoredSettings<D> {
  if (item === undefined) return { document, version: 0, value: defaultSettings(document) };
  const parsed = parseSettings(document, item.value);
  if (!parsed.ok) throw new StoredSettingsError(document, parsed.problems);
  return {
    document,
    version: item.version as number,
    value: parsed.value,
    ...(typeof item.updatedAt === 'string' ? { updatedAt: item.updatedAt } : {}),
    ...(typeof item.updatedBy === 'string' ? { updatedBy: item.updatedBy } : {}),
  };
}

/** One document of the tenant's settings, or its default when the tenant never wrote it. */
export async function readSettings<D extends SettingsDocument>(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  document: D,
  signal: AbortSignal,
): Promise<StoredSettings<D>> {
  const answer = await dynamodb.send(
    new GetItemCommand({ TableName: tableName, Key: marshall(settingsKey(scope, document)), ConsistentRead: true }),
    { abortSignal: signal },
  );
  return fromItem(document, answer.Item ? unmarshall(answer.Item) : undefined);
}

/** Every document of the tenant's settings in one Query (the settings API's GET), defaults for those never written. */
export async function readAllSettings(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  signal: AbortSignal,
): Promise<{ readonly [D in SettingsDocument]: StoredSettings<D> }> {
  const { pk } = settingsKey(scope, SETTINGS_DOCUMENTS[0]!);
  const answer = await dynamodb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': pk }),
      ConsistentRead: true,
    }),
    { abortSignal: signal },
  );
  const items = new Map(
    (answer.Items ?? []).map((raw) => unmarshall(raw)).flatMap((item) => (isSettingsDocument(item.sk) ? [[item.sk, item]] : [])),
  );
  return {
    POLICY: fromItem('POLICY', items.get('POLICY')),
    APPROVERS: fromItem('APPROVERS', items.get('APPROVERS')),
    CATEGORIES: fromItem('CATEGORIES', items.get('CATEGORIES')),
    PAYEES: fromItem('PAYEES', items.get('PAYEES')),
    PAYMENT: fromItem('PAYMENT', items.get('PAYMENT')),
    CARDS: fromItem('CARDS', items.get('CARDS')),
  };
}

/**
 * Replaces a document of the tenant's settings, once checked, if it is still at the version the
 * writer read (0 when it read the default): two administrators editing at once cannot silently
 * undo each other's change. The actor is the scope's user.
 */
export async function writeSettings<D extends SettingsDocument>(
  dynamodb: DynamoDBClient,
  tableName: string,
  scope: TenantScope,
  document: D,
  value: unknown,
  expectedVersion: number,
  signal: AbortSignal,
  now: () => Date = () => new Date(),
): Promise<WriteSettingsResult<D>> {
  if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0)
    return {
      outcome: 'invalid',
      problems: [settingsProblem('/version', 'invalid_shape', 'is the version read: 0 for the default, or a positive integer')],
    };
  const parsed = parseSettings(document, value);
  if (!parsed.ok) return { outcome: 'invalid', problems: parsed.problems };
  const version = expectedVersion + 1;
  const updatedAt = now().toISOString();
  const item = {
    ...settingsKey(scope, document),
    type: ITEM_TYPES.settings,
    tenant: scope.tenant,
    document,
    version,
    value: parsed.value,
    updatedAt,
    updatedBy: scope.user,
  };
  try {
    await dynamodb.send(
      new PutItemCommand({
        TableName: tableName,
        Item: marshall(item, { removeUndefinedValues: true }),
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: marshall({ ':expected': expectedVersion }) }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const current = error.Item ? (unmarshall(error.Item).version as number) : 0;
    return { outcome: 'conflict', currentVersion: current };
  }
  return { outcome: 'written', settings: { document, version, value: parsed.value, updatedAt, updatedBy: scope.user } };
}
