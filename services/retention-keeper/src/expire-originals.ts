import { GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteObjectCommand, GetObjectRetentionCommand, type S3Client } from '@aws-sdk/client-s3';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { noteKey, originalKey, receiptKey, tenantScope } from '@ndf/contracts';
import {
  expiryDecision,
  holdOn,
  listIndexedOriginals,
  monthsDueBefore,
  readHolds,
  type ExpiryDecision,
  type Hold,
  type OriginalIndexItem,
} from '@ndf/retention';

export interface Expirer {
  readonly dynamodb: DynamoDBClient;
  readonly table: string;
  readonly s3: S3Client;
  readonly receiptsBucket: string;
  readonly now: () => Date;
  /** The first month (yyyy-mm) originals were indexed in: nothing before it is listed. */
  readonly firstMonth: string;
  readonly fiscalYearEndMonth: number;
  /** Index entries read in one page, and pages in one run, so that a run is bounded. */
  readonly pageSize: number;
  readonly pagesPerRun: number;
}

export interface ExpiryOutcome {
  readonly tenant: string;
  readonly receiptId: string;
  readonly key: string;
  readonly versionId: string | null;
  readonly decision: ExpiryDecision;
}

const nextMonth = (month: string) => {
  const [year, index] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, index, 1)).toISOString().slice(0, 7);
};

const NO_LOCK_ERRORS = new Set(['ObjectLockConfigurationNotFoundError', 'NoSuchObjectLockConfiguration', 'NotImplemented']);

/** The lock S3 keeps on an object version, if any. */
async function lockedUntil(s3: S3Client, bucket: string, original: OriginalIndexItem, signal: AbortSignal): Promise<Date | undefined> {
  try {
    const { Retention } = await s3.send(
      new GetObjectRetentionCommand({
        Bucket: bucket,
        Key: original.key,
        ...(original.versionId ? { VersionId: original.versionId } : {}),
      }),
      { abortSignal: signal },
    );
    return Retention?.RetainUntilDate;
  } catch (error) {
    // A bucket without object lock, or a store without it (the laptop's): no lock to wait for. Safe to
    // read so: the delete goes without the governance bypass, so a store that does lock refuses it anyway.
    if (NO_LOCK_ERRORS.has((error as Error).name)) return undefined;
    throw error;
  }
}

async function getItem(dynamodb: DynamoDBClient, table: string, key: { pk: string; sk: string }, signal: AbortSignal) {
  const { Item } = await dynamodb.send(new GetItemCommand({ TableName: table, Key: marshall(key), ConsistentRead: true }), {
    abortSignal: signal,
  });
  return Item ? unmarshall(Item) : undefined;
}

/**
 * Looks at the originals of every month whose retention may have ended (by month index
 * partition, page by page, within the run's budget) and deletes each one whose decision allows
 * it: not held (the holds are read first), past ten years from its fiscal year's end, and past
 * its object lock. The deletion removes the original's version; its index entry stays, marked,
 * out of the month's listing. Returns every decision made.
 */
export async function expireDueOriginals(expirer: Expirer, signal: AbortSignal): Promise<ExpiryOutcome[]> {
  const now = expirer.now();
  const dueBefore = monthsDueBefore(now, expirer.fiscalYearEndMonth);
  const holdsOf = new Map<string, Promise<Hold[]>>();
  const outcomes: ExpiryOutcome[] = [];
  let pages = 0;
  for (let month = expirer.firstMonth; month < dueBefore && pages < expirer.pagesPerRun; month = nextMonth(month)) {
    let cursor: string | undefined;
    do {
      const page = await listIndexedOriginals(
        expirer.dynamodb,
        expirer.table,
        { month, limit: expirer.pageSize, ...(cursor ? { cursor } : {}) },
        signal,
      );
      pages += 1;
      for (const original of page.items) {
        if (original.deletedAt) continue;
        const scope = tenantScope({ tenant: original.tenant, user: 'retention-keeper', roles: [] });
        if (!holdsOf.has(original.tenant)) holdsOf.set(original.tenant, readHolds(expirer.dynamodb, expirer.table, scope, signal));
        const holds = await holdsOf.get(original.tenant)!;
        const receipt = await getItem(expirer.dynamodb, expirer.table, receiptKey(scope, original.receiptId, original.noteId), signal);
        const noteId = original.noteId ?? (typeof receipt?.attachedTo === 'string' ? receipt.attachedTo : undefined);
        const note = noteId ? await getItem(expirer.dynamodb, expirer.table, noteKey(scope, noteId), signal) : undefined;
        const people = [original.uploader, receipt?.uploader, note?.owner].filter((who): who is string => typeof who === 'string');
        const hold = holdOn(holds, { noteId: noteId ?? '', people });
        const facts = {
          uploadedAt: original.uploadedAt,
          fiscalYearEndMonth: expirer.fiscalYearEndMonth,
          hold,
          lockedUntil: undefined,
          now,
        };
        let decision = expiryDecision(facts);
        // The lock is asked about only once nothing else keeps the original.
        if (decision.action === 'delete')
          decision = expiryDecision({ ...facts, lockedUntil: await lockedUntil(expirer.s3, expirer.receiptsBucket, original, signal) });
        if (decision.action === 'delete') decision = await deleteOriginal(expirer, original, now, signal);
        outcomes.push({
          tenant: original.tenant,
          receiptId: original.receiptId,
          key: original.key,
          versionId: original.versionId,
          decision,
        });
      }
      cursor = page.cursor;
    } while (cursor && pages < expirer.pagesPerRun);
  }
  return outcomes;
}

async function deleteOriginal(expirer: Expirer, original: OriginalIndexItem, now: Date, signal: AbortSignal): Promise<ExpiryDecision> {
  try {
    // Never with the governance bypass: the lock has the last word.
    await expirer.s3.send(
      new DeleteObjectCommand({
        Bucket: expirer.receiptsBucket,
        Key: original.key,
        ...(original.versionId ? { VersionId: original.versionId } : {}),
      }),
      { abortSignal: signal },
    );
  } catch (error) {
    if ((error as Error).name === 'AccessDenied') return { action: 'keep', reason: 'locked', until: 'unknown' };
    throw error;
  }
  const scope = tenantScope({ tenant: original.tenant, user: 'retention-keeper', roles: [] });
  await expirer.dynamodb.send(
    new UpdateItemCommand({
      TableName: expirer.table,
      Key: marshall(originalKey(scope, original.receiptId)),
      UpdateExpression: 'SET deletedAt = :now REMOVE gsi1pk, gsi1sk',
      ExpressionAttributeValues: marshall({ ':now': now.toISOString() }),
    }),
    { abortSignal: signal },
  );
  return { action: 'delete' };
}
