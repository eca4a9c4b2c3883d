import type { StageView } from './stage.js';

/** The largest receipt file accepted (the presigned POST enforces it too). */
export const MAX_RECEIPT_BYTES = 20 * 1024 * 1024;
/** How long a presigned upload stays usable. */
export const RECEIPT_UPLOAD_EXPIRY_SECONDS = 15 * 60;

/**
 * awaiting_upload: asked for, no bytes yet; uploaded: the original is stored (intake has its
 * SHA-256); reading: its format is known and the services are reading it (each step moves it
 * on, so that the stream hands the sniffer each upload once); processed: the services have read
 * it; refused: it cannot be a receipt (reason given); failed: a service gave up on it (its message
 * is in quarantine, where the on-call engineer replays it); expired: never uploaded, and no longer
 * expected (the reconciler gives up waiting). The transitions between them live in
 * @ndf/receipt-pipeline.
 */
export const RECEIPT_STATUSES = ['awaiting_upload', 'uploaded', 'reading', 'processed', 'refused', 'failed', 'expired'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export interface ReceiptUploadRequest {
  readonly fileName: string;
  /** What the app believes the file is; the real format is sniffed from the bytes later. */
  readonly contentType: string;
  readonly size: number;
  readonly noteId?: string;
}

export interface ExtractedField {
  readonly value: string;
  /** 0 to 1. */
  readonly confidence: number;
}

export interface ReceiptView {
  readonly id: string;
  readonly noteId?: string;
  readonly status: ReceiptStatus;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly requestedAt: string;
  readonly uploadedAt?: string;
  readonly sha256?: string;
  /** The format found in the bytes, e.g. image/jpeg. */
  readonly detectedType?: string;
  readonly extracted?: Readonly<Record<string, ExtractedField>>;
  /** The fields every receipt prints (merchant, date, totalInclVat) that could not be read from it: to be entered by hand. */
  readonly unreadable?: readonly string[];
  readonly thumbnails?: readonly { readonly width: number; readonly url: string }[];
  readonly refusal?: { readonly code: string; readonly reason: string };
  readonly stages: readonly StageView[];
}

export interface ReceiptUpload {
  readonly receiptId: string;
  /** The object key under the tenant's prefix. */
  readonly key: string;
  /** A browser-style form upload: POST multipart/form-data to `url` with `fields`, then the file as `file`. */
  readonly upload: {
    readonly url: string;
    readonly fields: Readonly<Record<string, string>>;
    readonly expiresAt: string;
    readonly maxBytes: number;
  };
  readonly receipt: ReceiptView;
}
