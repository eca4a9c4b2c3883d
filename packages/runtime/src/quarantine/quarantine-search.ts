import type { DynamoQuarantineStore } from './dynamo-quarantine-store.js';
import type { QuarantineStatus, QuarantineSummary } from './quarantine-record.js';

export const QUARANTINE_STATUSES: readonly QuarantineStatus[] = ['quarantined', 'replaying', 'replayed', 'discarded'];

export interface QuarantineSearch {
  readonly service?: string;
  readonly status?: QuarantineStatus;
  readonly tenant?: string;
  /** The error class name of any of its failed attempts: PermanentError, TimeoutError, ... */
  readonly errorName?: string;
  readonly limit: number;
}

/** How many records a search reads at most to fill its page, so that a rare match cannot read the whole table. */
const MAX_SCANNED = 5_000;
const PAGE = 100;

export function matchesSearch(item: QuarantineSummary, search: Omit<QuarantineSearch, 'limit'>): boolean {
  return (
    (search.status === undefined || item.status === search.status) &&
    (search.tenant === undefined || item.tenant === search.tenant) &&
    (search.errorName === undefined || item.failures.some((failure) => failure.errorName === search.errorName))
  );
}

/** Newest first; a filter beyond the service reads further pages until the limit is reached, the records end, or MAX_SCANNED were read. */
export async function searchQuarantine(
  quarantine: Pick<DynamoQuarantineStore, 'list'>,
  search: QuarantineSearch,
): Promise<QuarantineSummary[]> {
  const filtered = search.status !== undefined || search.tenant !== undefined || search.errorName !== undefined;
  const items: QuarantineSummary[] = [];
  let cursor: string | undefined;
  let scanned = 0;
  do {
    const page = await quarantine.list({
      ...(search.service ? { service: search.service } : {}),
      limit: filtered ? PAGE : search.limit - items.length,
      ...(cursor ? { cursor } : {}),
    });
    scanned += page.items.length;
    items.push(...page.items.filter((item) => matchesSearch(item, search)));
    cursor = page.cursor;
  } while (cursor && items.length < search.limit && scanned < MAX_SCANNED);
  return items.slice(0, search.limit);
}
