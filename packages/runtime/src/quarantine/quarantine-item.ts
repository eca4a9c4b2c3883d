import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { QuarantineEntry } from './quarantine-entry.js';
import { tenantOfPayload } from './quarantine-tenant.js';
import { acrossServicesKey, recordKey } from './quarantine-keys.js';
import type { AuditEvent, QuarantineRecord, QuarantineStatus, QuarantineSummary } from './quarantine-record.js';

/** A quarantine record as the runtime table holds it. */
export interface StoredRecord extends Omit<QuarantineEntry, 'payload'> {
  readonly id: string;
  /** Inline payload, or absent when it is kept in S3 under payloadObject. */
  readonly payload?: string;
  readonly payloadObject?: { readonly bucket: string; readonly key: string };
  readonly payloadBytes: number;
  readonly tenant?: string;
  readonly quarantinedAt: string;
  readonly status: QuarantineStatus;
  /** The last operator action, kept so that one interrupted before its audit entry was written can complete it. */
  readonly lastAction?: AuditEvent;
  /** While a replay is under way: whose it is and until when (epoch ms) it holds. */
  readonly replayToken?: string;
  readonly replayClaimUntil?: number;
}

export const SUMMARY_ATTRIBUTES = [
  'id',
  'service',
  'source',
  'reason',
  'failures',
  'quarantinedAt',
  'status',
  'payloadBytes',
  'tenant',
] as const;

export function recordItem(
  entry: QuarantineEntry,
  quarantinedAt: string,
  payload: { readonly inline: string } | { readonly bucket: string; readonly key: string },
): Record<string, AttributeValue> {
  const id = entry.originalId;
  const tenant = tenantOfPayload(entry.payload);
  const record: StoredRecord = {
    id,
    service: entry.service,
    source: entry.source,
    ...('inline' in payload ? { payload: payload.inline } : { payloadObject: { bucket: payload.bucket, key: payload.key } }),
    payloadBytes: Buffer.byteLength(entry.payload, 'utf8'),
    attributes: entry.attributes,
    reason: entry.reason,
    failures: entry.failures,
    firstReceivedAt: entry.firstReceivedAt,
    lastReceivedAt: entry.lastReceivedAt,
    originalId: entry.originalId,
    quarantinedAt,
    status: 'quarantined',
    ...(tenant === undefined ? {} : { tenant }),
  };
  return marshall(
    { ...recordKey(entry.service, quarantinedAt, id), ...acrossServicesKey(entry.service, quarantinedAt, id), ...record },
    { removeUndefinedValues: true },
  );
}

export const storedRecord = (item: Record<string, AttributeValue>): StoredRecord => unmarshall(item) as StoredRecord;

export function toSummary(record: Pick<StoredRecord, (typeof SUMMARY_ATTRIBUTES)[number]>): QuarantineSummary {
  return {
    id: record.id,
    service: record.service,
    source: record.source,
    reason: record.reason,
    failures: record.failures,
    quarantinedAt: record.quarantinedAt,
    status: record.status,
    payloadBytes: record.payloadBytes,
    ...(record.tenant === undefined ? {} : { tenant: record.tenant }),
  };
}

export function toRecord(record: StoredRecord, payload: string, audit: readonly AuditEvent[]): QuarantineRecord {
  return {
    ...toSummary(record),
    payload,
    attributes: record.attributes,
    firstReceivedAt: record.firstReceivedAt,
    lastReceivedAt: record.lastReceivedAt,
    originalId: record.originalId,
    audit,
  };
}
