import { parseListingSortKey, USER_PATTERN } from '@ndf/contracts';
import { cursorAfter, encodeCursor } from '@ndf/http-api';
import type { ReportPosition } from '../data/month-notes.js';

// '/' is never in a user id (USER_PATTERN): the employee, then the listing key of their last note shown.
const SEPARATOR = '/';

export const reportCursor = (position: ReportPosition): string => encodeCursor(`${position.employee}${SEPARATOR}${position.listingKey}`);

/**
 * Where the page a cursor names starts, undefined without a cursor; a cursor of another month, or
 * of another employee than the one report asked for (`only`), is one this API did not hand out: 400.
 */
export function reportPositionAfter(cursor: string | undefined, month: string, only: string | undefined): ReportPosition | undefined {
  const after = cursorAfter(cursor, (key) => positionOf(key, month, only) !== undefined);
  return after === undefined ? undefined : positionOf(after, month, only);
}

function positionOf(key: string, month: string, only: string | undefined): ReportPosition | undefined {
  const cut = key.indexOf(SEPARATOR);
  const employee = key.slice(0, cut);
  const listingKey = key.slice(cut + 1);
  if (cut < 0 || !USER_PATTERN.test(employee) || (only !== undefined && employee !== only)) return undefined;
  return parseListingSortKey(listingKey)?.date.startsWith(`${month}-`) ? { employee, listingKey } : undefined;
}
