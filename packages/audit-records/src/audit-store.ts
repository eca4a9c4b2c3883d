import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { tenantScope, type TenantScope } from '@ndf/contracts';
import { createHash } from 'node:crypto';
import type { AuditRecord } from './audit-record.js';

/** Stream sequence numbers are decimal strings of up to 40 digits: padded, they sort in stream order. */
const SEQUENCE_DIGITS = 40;

const paddedSequence = (record: AuditRecord) => record.sequenceNumber.padStart(SEQUENCE_DIGITS, '0');

/** 2026-03-02T19:00:00.000Z → 20260302T190000000Z: sorts the same, and no colon in a key (which some tools and file systems mangle). */
const compactTime = (iso: string) => iso.replaceAll(/[-:.]/g, '');

/** Where a note's (or a note-less receipt's) records live: under its tenant, one object per change. */
export function auditPrefix(scope: TenantScope, subject: { readonly noteId: string } | { readonly receiptId: string }): string {
  const base = `tenants/${scope.tenant}`;
  return 'noteId' in subject ? `${base}/notes/${subject.noteId}/` : `${base}/receipts/${subject.receiptId}/`;
}

/**
 * One object per change, named by the item's kind, its stream sequence number and the record's
 * id: a redelivered change lands on the same key (the same bytes), and a listing reads each
 * item's changes in the order they were made.
 */
export function auditObjectKey(record: AuditRecord): string {
  const prefix = auditPrefix(
    tenantScope({ tenant: record.tenant, user: 'audit-trail', roles: [] }),
    record.noteId ? { noteId: record.noteId } : { receiptId: record.receiptId ?? 'unknown' },
  );
  const item = record.receiptId && record.itemType === 'RECEIPT' ? `RCPT-${record.receiptId}` : record.itemType;
  return `${prefix}${compactTime(record.at)}_${item}_${paddedSequence(record)}_${record.eventId}.json`;
}

/** The record as stored: canonical JSON, with its SHA-256 beside it so that a copy can be checked. */
export function storedRecord(record: AuditRecord): { readonly body: string; readonly sha256: string } {
  const body = `${JSON.stringify(record)}\n`;
  return { body, sha256: createHash('sha256').update(body).digest('base64') };
}

/** Appends a record: the bucket's object lock keeps every version for the legal retention. */
export async function appendRecord(s3: S3Client, bucket: string, record: AuditRecord, signal: AbortSignal): Promise<string> {
  const key = auditObjectKey(record);
  const { body, sha256 } = storedRecord(record);
  await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'application/json', ChecksumSHA256: sha256 }), {
    abortSignal: signal,
  });
  return key;
}

/** Every record under a prefix, oldest first (the keys start with the change's time). */
export async function readRecords(s3: S3Client, bucket: string, prefix: string, signal: AbortSignal): Promise<AuditRecord[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), {
      abortSignal: signal,
    });
    keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  keys.sort();
  const records: AuditRecord[] = [];
  for (const key of keys) {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    records.push(JSON.parse(await object.Body!.transformToString()) as AuditRecord);
  }
  return records;
}

/**
 * A note's trail: its own records and those of the receipts it lists from before they were
 * attached to it, in time order.
 */
export async function readAuditTrail(
  s3: S3Client,
  bucket: string,
  scope: TenantScope,
  note: { readonly noteId: string; readonly receiptIds?: readonly string[] },
  signal: AbortSignal,
): Promise<AuditRecord[]> {
  const prefixes = [
    auditPrefix(scope, { noteId: note.noteId }),
    ...(note.receiptIds ?? []).map((receiptId) => auditPrefix(scope, { receiptId })),
  ];
  const records = (await Promise.all(prefixes.map((prefix) => readRecords(s3, bucket, prefix, signal)))).flat();
  return records.sort((a, b) => a.at.localeCompare(b.at) || paddedSequence(a).localeCompare(paddedSequence(b)));
}
