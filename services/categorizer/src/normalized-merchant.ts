import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall, marshall } from '@aws-sdk/util-dynamodb';
import { stageKey, type MerchantNormalizerOutcome, type NormalizedMerchant, type TenantScope } from '@ndf/contracts';

export const NORMALIZER = 'merchant-normalizer';

/**
 * The merchant-normalizer's finding for this version of the note: `ready` once its stage is of
 * this version (before, the categorizer waits: the stage's own change brings it back), with the
 * merchant when it found one (none when the note has no merchant, or only one still being read).
 */
export async function readNormalizedMerchant(
  dynamodb: DynamoDBClient,
  table: string,
  scope: TenantScope,
  note: { readonly noteId: string; readonly version: number },
  signal: AbortSignal,
): Promise<{ ready: false } | { ready: true; merchant: NormalizedMerchant | undefined }> {
  const { Item } = await dynamodb.send(
    new GetItemCommand({ TableName: table, Key: marshall(stageKey(scope, NORMALIZER, { noteId: note.noteId })), ConsistentRead: true }),
    { abortSignal: signal },
  );
  const stage = Item ? unmarshall(Item) : undefined;
  if (stage?.noteVersion !== note.version) return { ready: false };
  const outcome = stage.outcome as MerchantNormalizerOutcome | undefined;
  return { ready: true, merchant: stage.status === 'succeeded' && outcome && 'merchant' in outcome ? outcome.merchant : undefined };
}
