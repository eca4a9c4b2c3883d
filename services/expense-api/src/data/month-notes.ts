import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import {
  ITEM_TYPES,
  notePartition,
  parseListingSortKey,
  tenantScope,
  type HistoryItem,
  type NoteItem,
  type NoteStatus,
  type StageItem,
  type TenantScope,
} from '@ndf/contracts';
import { queryEveryPage, readOwnerNotes } from '@ndf/note-workflow';
import { readAllSettings } from '@ndf/tenant-settings';
import type { NoteRecords } from '../reports/monthly-report.js';

/** How many note partitions of one employee are read at once, four employees at once: a bounded burst on the table. */
const PARTITION_READS = 8;
const EMPLOYEES_AT_ONCE = 4;
/** How many note partitions of a page are read at once. */
const PAGE_READS = 16;

/** Where a page of the report stops: an employee, and the listing key (date#noteId) of their last note shown. */
export interface ReportPosition {
  readonly employee: string;
  readonly listingKey: string;
}

export interface MonthPageQuery {
  readonly limit: number;
  readonly after?: ReportPosition | undefined;
}

export interface MonthPage {
  /** Each employee with notes on the page, their notes by date. */
  readonly sections: readonly { readonly employee: string; readonly notes: readonly NoteRecords[] }[];
  /** The last note listed, when more follow. */
  readonly last?: ReportPosition;
}

/** `read` over every item, at most `atOnce` at a time, the results in the items' order. */
async function inGroups<T, R>(items: readonly T[], atOnce: number, read: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += atOnce)
    results.push(...(await Promise.all(items.slice(start, start + atOnce).map(read))));
  return results;
}

/**
 * The notes of a month, read as the report needs them: each employee's listing (gsi1, by date:
 * one Query per employee and month), then each note's partition (its item, stages and history).
 */
export class MonthNotes {
  constructor(
    private readonly dynamodb: DynamoDBClient,
    private readonly tableName: string,
  ) {}

  /**
   * The tenant's employees as its settings know them: the APPROVERS teams' members and the
   * PAYEES' employees (whom the batches pay). One Query of the settings partition.
   */
  async employees(scope: TenantScope, signal: AbortSignal): Promise<string[]> {
    const settings = await readAllSettings(this.dynamodb, this.tableName, scope, signal);
    const members = settings.APPROVERS.value.teams.flatMap((team) => team.members);
    const payees = settings.PAYEES.value.payees.map((payee) => payee.employee);
    return [...new Set([...members, ...payees])].sort();
  }

  /** The employee's notes dated in `month` (YYYY-MM), deleted drafts left out. */
  async ofEmployee(scope: TenantScope, employee: string, month: string, signal: AbortSignal): Promise<NoteRecords[]> {
    const owner = tenantScope({ tenant: scope.tenant, user: employee, roles: [] });
    const listed = await this.listed(owner, month, { after: undefined, atMost: Infinity }, signal);
    const read = await inGroups(listed, PARTITION_READS, (listingKey) => this.partition(owner, listingKey, signal));
    return read.filter((found): found is NoteRecords => found !== undefined);
  }

  /**
   * At most `limit` of the month's notes of `employees` (in that order, each employee's by date),
   * after `after`: each employee's listing read up to what the page still has room for (a few
   * employees at once), then only those notes' partitions. `last` is where the next page starts.
   */
  async page(
    scope: TenantScope,
    employees: readonly string[],
    month: string,
    query: MonthPageQuery,
    signal: AbortSignal,
  ): Promise<MonthPage> {
    const from = query.after === undefined ? employees : employees.filter((employee) => employee >= query.after!.employee);
    const listed: ReportPosition[] = [];
    let more = false;
    for (let start = 0; start < from.length && !more; start += EMPLOYEES_AT_ONCE) {
      const room = query.limit - listed.length;
      // One more than the room: whether a next page exists, without an empty last page.
      const keys = await Promise.all(
        from.slice(start, start + EMPLOYEES_AT_ONCE).map(async (employee) => {
          const owner = tenantScope({ tenant: scope.tenant, user: employee, roles: [] });
          const after = employee === query.after?.employee ? query.after.listingKey : undefined;
          const found = await this.listed(owner, month, { after, atMost: room + 1 }, signal);
          return found.map((listingKey) => ({ employee, listingKey }));
        }),
      );
      for (const position of keys.flat()) {
        if (listed.length === query.limit) {
          more = true;
          break;
        }
        listed.push(position);
      }
    }
    const read = await inGroups(listed, PAGE_READS, ({ employee, listingKey }) =>
      this.partition(tenantScope({ tenant: scope.tenant, user: employee, roles: [] }), listingKey, signal),
    );
    const sections: { employee: string; notes: NoteRecords[] }[] = [];
    read.forEach((records, index) => {
      if (records === undefined) return;
      const { employee } = listed[index]!;
      let section = sections.at(-1);
      if (section?.employee !== employee) sections.push((section = { employee, notes: [] }));
      section.notes.push(records);
    });
    return { sections, ...(more ? { last: listed.at(-1)! } : {}) };
  }

  /** The listing keys (date#noteId) of the owner's notes dated in `month`, by date, after `after`, at most `atMost`. */
  private async listed(
    owner: TenantScope,
    month: string,
    query: { after: string | undefined; atMost: number },
    signal: AbortSignal,
  ): Promise<string[]> {
    const items = await readOwnerNotes(
      this.dynamodb,
      this.tableName,
      owner,
      owner.user,
      {
        from: `${month}-01`,
        to: `${month}-31`,
        projection: 'gsi1sk',
        ...(query.after === undefined ? {} : { after: query.after }),
        ...(Number.isFinite(query.atMost) ? { atMost: query.atMost } : {}),
      },
      signal,
    );
    return items.map((item) => String(item.gsi1sk)).filter((key) => parseListingSortKey(key) !== undefined);
  }

  /** The note a listing key names, with its stages and history; undefined when deleted, or no longer its owner's. */
  private async partition(owner: TenantScope, listingKey: string, signal: AbortSignal): Promise<NoteRecords | undefined> {
    const { noteId } = parseListingSortKey(listingKey)!;
    const items = await queryEveryPage(
      this.dynamodb,
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': notePartition(owner, noteId) }),
      },
      signal,
    );
    const note = items.find((item) => item.type === ITEM_TYPES.note) as NoteItem | undefined;
    if (note === undefined || note.status === 'deleted' || note.owner !== owner.user) return undefined;
    return {
      note: note as NoteItem & { status: NoteStatus },
      stages: items.filter((item) => item.type === ITEM_TYPES.stage && item.receiptId === undefined) as unknown as StageItem[],
      history: items.filter((item) => item.type === ITEM_TYPES.history) as unknown as HistoryItem[],
    };
  }
}
