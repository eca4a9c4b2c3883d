import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { unmarshall, marshall } from '@aws-sdk/util-dynamodb';
import { stageKey, type NormalizedMerchant, type TenantScope } from '@ndf/contracts';
import { PermanentError } from '@ndf/runtime';

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
  const merchant = (stage.outcome as { merchant?: unknown } | undefined)?.merchant;
  if (stage.status !== 'succeeded' || merchant === undefined) return { ready: true, merchant: undefined };
  if (!isNormalizedMerchant(merchant)) {
    throw new PermanentError(`The ${NORMALIZER} stage of note ${note.noteId} (version ${note.version}) holds no well-formed merchant.`);
  }
  return { ready: true, merchant };
}

const MATCH_KINDS: readonly unknown[] = ['alias', 'fuzzy', 'unknown'];

function isNormalizedMerchant(value: unknown): value is NormalizedMerchant {
  const merchant = value as Partial<Record<keyof NormalizedMerchant, unknown>> | null;
  return (
    typeof merchant === 'object' &&
    merchant !== null &&
    typeof merchant.name === 'string' &&
    typeof merchant.key === 'string' &&
    merchant.key !== '' &&
    typeof merchant.cleaned === 'string' &&
    MATCH_KINDS.includes((merchant.match as { kind?: unknown } | undefined)?.kind)
  );
}
