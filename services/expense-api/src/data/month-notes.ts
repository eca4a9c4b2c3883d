import { QueryCommand, type DynamoDBClient, type QueryCommandInput } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
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
import { readOwnerNotes } from '@ndf/note-workflow';
import { readAllSettings } from '@ndf/tenant-settings';
import type { NoteRecords } from '../reports/monthly-report.js';

/** How many note partitions are read at once: a month of a few employees fits the deadline without a burst on the table. */
const PARTITION_READS = 8;

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
    const noteIds = await this.listed(owner, month, signal);
    const records: NoteRecords[] = [];
    for (let start = 0; start < noteIds.length; start += PARTITION_READS) {
      const read = await Promise.all(noteIds.slice(start, start + PARTITION_READS).map((noteId) => this.partition(owner, noteId, signal)));
      records.push(...read.filter((found): found is NoteRecords => found !== undefined && found.note.owner === employee));
    }
    return records;
  }

  private async listed(owner: TenantScope, month: string, signal: AbortSignal): Promise<string[]> {
    const items = await readOwnerNotes(
      this.dynamodb,
      this.tableName,
      owner,
      owner.user,
      { from: `${month}-01`, to: `${month}-31`, projection: 'gsi1sk' },
      signal,
    );
    return items.flatMap((item) => {
      const key = parseListingSortKey(String(item.gsi1sk));
      return key ? [key.noteId] : [];
    });
  }

  private async partition(owner: TenantScope, noteId: string, signal: AbortSignal): Promise<NoteRecords | undefined> {
    const items = await this.queryAll(
      {
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: marshall({ ':pk': notePartition(owner, noteId) }),
      },
      signal,
    );
    const note = items.find((item) => item.type === ITEM_TYPES.note) as NoteItem | undefined;
    if (note === undefined || note.status === 'deleted') return undefined;
    return {
      note: note as NoteItem & { status: NoteStatus },
      stages: items.filter((item) => item.type === ITEM_TYPES.stage && item.receiptId === undefined) as unknown as StageItem[],
      history: items.filter((item) => item.type === ITEM_TYPES.history) as unknown as HistoryItem[],
    };
  }

  private async queryAll(input: QueryCommandInput, signal: AbortSignal): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let start: QueryCommandInput['ExclusiveStartKey'];
    do {
      const page = await this.dynamodb.send(new QueryCommand({ ...input, ExclusiveStartKey: start }), { abortSignal: signal });
      items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }
}
