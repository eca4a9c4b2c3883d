import { parseApprovalQueueSortKey, type ApprovalPage } from '@ndf/contracts';
import { cursorAfter, encodeCursor, invalid, json, requireRole } from '@ndf/http-api';
import { approvalView } from '../data/views.js';
import type { AuthorizedContext } from './route.js';

/** The caller's queue of notes awaiting their approval, oldest request first, a page at a time. Approvers only. */
export async function listApprovals(context: AuthorizedContext) {
  const scope = requireRole(context.scope, ['approver'], "Reading an approver's queue");
  const { value, errors } = context.validators.approvalsQuery(context.event.queryStringParameters ?? {});
  if (errors.length > 0) throw invalid(errors);
  const query = value as { cursor?: string; limit: number };
  const after = cursorAfter(query.cursor, (sortKey) => parseApprovalQueueSortKey(sortKey) !== undefined);
  const { items, more } = await context.approvals.page(scope, { limit: query.limit, after }, context.signal);
  const last = items.at(-1);
  const page: ApprovalPage = { items: items.map(approvalView), ...(more && last ? { nextCursor: encodeCursor(last.gsi1sk) } : {}) };
  return json(200, page);
}
