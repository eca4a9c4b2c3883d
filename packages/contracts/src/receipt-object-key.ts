import type { TenantScope } from './tenant-scope.js';
import { TENANT_PATTERN } from './tenant-scope.js';

/** The catalog's S3 source prefix of the receipts bucket: originals live under it, untouched. */
export const RECEIPT_ORIGINALS_PREFIX = 'tenants/';
/** Where the receipt services write what they derive from originals (upright pages, thumbnails). */
export const RECEIPT_DERIVED_PREFIX = 'derived/';

const ID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const OBJECT_KEY = new RegExp(`^tenants/([^/]+)/(?:notes/(${ID})/)?receipts/(${ID})$`);

/**
 * The S3 key of a receipt's original bytes. It names the partition of the RECEIPT item
 * (tenant, note when known at upload, receipt), so the service that gets the S3 event finds
 * the item from the key alone; the file name is kept on the item, never in the key.
 */
export function receiptObjectKey(scope: TenantScope, receiptId: string, noteId?: string): string {
  const note = noteId === undefined ? '' : `notes/${noteId}/`;
  return `${RECEIPT_ORIGINALS_PREFIX}${scope.tenant}/${note}receipts/${receiptId}`;
}

export interface ReceiptObjectKeyParts {
  readonly tenant: string;
  readonly receiptId: string;
  readonly noteId: string | undefined;
}

/** The parts of an original's key, or undefined for a key the ingest API never hands out. */
export function parseReceiptObjectKey(key: string): ReceiptObjectKeyParts | undefined {
  const match = OBJECT_KEY.exec(key);
  if (!match || !TENANT_PATTERN.test(match[1]!)) return undefined;
  return { tenant: match[1]!, noteId: match[2], receiptId: match[3]! };
}
