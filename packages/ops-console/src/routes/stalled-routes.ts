import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { openReceiptsSince } from '@ndf/receipt-pipeline';
import { wholeNumber } from '../http-problem.js';
import type { StalledReceipt, StalledView } from '../stalled-receipt.js';
import type { ApiRoute } from './route.js';

export const STALLED_ROUTE = '/api/stalled';

export interface StalledSource {
  readonly dynamodb: DynamoDBClient;
  /** Physical name of the notes table. */
  readonly table: string;
  readonly stuckAfterMs: number;
  readonly now?: () => Date;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The stalled receipts, from the reconciler's own index and query: what its next tick will look at, oldest first. */
export function stalledRoutes(source: StalledSource): ApiRoute[] {
  const now = source.now ?? (() => new Date());
  return [
    {
      method: 'GET',
      path: STALLED_ROUTE,
      handle: async ({ url }): Promise<StalledView> => {
        const limit = wholeNumber(url.searchParams.get('limit'), 'limit', { min: 1, max: 1_000, fallback: 200 });
        const before = new Date(now().getTime() - source.stuckAfterMs);
        const items = await openReceiptsSince(source.dynamodb, source.table, { before, limit });
        const receipts: StalledReceipt[] = items
          .map((item) => ({
            tenant: String(item.tenant),
            receiptId: String(item.receiptId),
            ...(text(item.noteId) ? { noteId: text(item.noteId)! } : {}),
            status: String(item.status),
            since: String(item.gsi1sk),
            ...(text(item.correlationId) ? { correlationId: text(item.correlationId)! } : {}),
          }))
          .sort((a, b) => a.since.localeCompare(b.since));
        return { stuckAfterSeconds: source.stuckAfterMs / 1_000, items: receipts };
      },
    },
  ];
}
