import { lastOverdueDate } from '@ndf/card-statements';
import { parseCardTransactionSortKey, type CardTransactionPage } from '@ndf/contracts';
import { cursorAfter, encodeCursor, invalid, json, requireRole } from '@ndf/http-api';
import { readSettings } from '@ndf/tenant-settings';
import { cardTransactionView } from '../data/views.js';
import type { AuthorizedContext } from './route.js';

/**
 * The tenant's company-card payments still missing their note (`unmatched`) or a note with a
 * receipt past the CARDS settings' delay (`overdue`, as of the API's clock), oldest first.
 * Accountants and admins only.
 */
export async function listCardTransactions(context: AuthorizedContext) {
  const scope = requireRole(context.scope, ['accountant', 'admin'], 'Reading the card transactions');
  const { value, errors } = context.validators.cardTransactionsQuery(context.event.queryStringParameters ?? {});
  if (errors.length > 0) throw invalid(errors);
  const query = value as { status: 'unmatched' | 'overdue'; cursor?: string; limit: number };
  const after = cursorAfter(query.cursor, (sortKey) => parseCardTransactionSortKey(sortKey) !== undefined);
  const cards = await readSettings(context.deps.dynamodb, context.deps.config.tableName, scope, 'CARDS', context.signal);
  const upTo = lastOverdueDate(context.deps.clock().toISOString().slice(0, 10), cards.value.reminderAfterDays);
  const found = await context.cards.page(scope, { status: query.status, upTo, limit: query.limit, after }, context.signal);
  const page: CardTransactionPage = {
    items: found.items.map((item) => cardTransactionView(item, upTo)),
    ...(found.lastSortKey ? { nextCursor: encodeCursor(found.lastSortKey) } : {}),
  };
  return json(200, page);
}
