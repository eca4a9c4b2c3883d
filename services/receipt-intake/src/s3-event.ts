import { parseReceiptObjectKey } from '@ndf/contracts';
import type { ReceiptRef } from '@ndf/receipt-pipeline';
import { PermanentError } from '@ndf/runtime';

/** One object of an S3 object-created notification. */
export interface CreatedObject {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  /** Set by a versioned bucket: the version this event is about. */
  readonly versionId: string | undefined;
  readonly eventTime: string;
}

interface S3Record {
  eventName?: unknown;
  eventTime?: unknown;
  s3?: { bucket?: { name?: unknown }; object?: { key?: unknown; size?: unknown; versionId?: unknown } };
}

/**
 * The created objects of a notification, with their keys decoded (S3 sends them URL-encoded,
 * spaces as '+'). S3's test event, sent when notifications are configured, carries none.
 */
export function createdObjects(body: string): CreatedObject[] {
  let parsed: { Records?: unknown; Event?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new PermanentError('The message is not JSON: not an S3 notification.');
  }
  if (parsed.Event === 's3:TestEvent') return [];
  if (!Array.isArray(parsed.Records)) throw new PermanentError('The message has no Records: not an S3 notification.');
  return (parsed.Records as S3Record[]).flatMap((record) => {
    if (typeof record.eventName !== 'string' || !record.eventName.startsWith('ObjectCreated:')) return [];
    const bucket = record.s3?.bucket?.name;
    const key = record.s3?.object?.key;
    const size = record.s3?.object?.size;
    if (typeof bucket !== 'string' || typeof key !== 'string' || typeof size !== 'number')
      throw new PermanentError('An S3 record lacks its bucket, key or size.');
    return [
      {
        bucket,
        key: decodeURIComponent(key.replaceAll('+', ' ')),
        size,
        versionId:
          typeof record.s3?.object?.versionId === 'string' && record.s3.object.versionId !== '' ? record.s3.object.versionId : undefined,
        eventTime: typeof record.eventTime === 'string' ? record.eventTime : new Date().toISOString(),
      },
    ];
  });
}

/** The receipts a notification is about, for marking them failed when it is quarantined; none for a malformed one. */
export function receiptsOfNotification(body: string): ReceiptRef[] {
  try {
    return createdObjects(body).flatMap((object) => {
      const parts = parseReceiptObjectKey(object.key);
      return parts ? [{ tenant: parts.tenant, receiptId: parts.receiptId, ...(parts.noteId ? { noteId: parts.noteId } : {}) }] : [];
    });
  } catch {
    return [];
  }
}
