/** The formats a receipt may have, named once for every service of the chain. */
export type ReceiptFormat = 'jpeg' | 'png' | 'heic' | 'avif' | 'webp' | 'tiff' | 'pdf';

export const RECEIPT_FORMATS: Readonly<Record<ReceiptFormat, { readonly mime: string; readonly extension: string }>> = {
  jpeg: { mime: 'image/jpeg', extension: 'jpg' },
  png: { mime: 'image/png', extension: 'png' },
  heic: { mime: 'image/heic', extension: 'heic' },
  // AV1 in HEIF: some Android phones' photos; libvips decodes it.
  avif: { mime: 'image/avif', extension: 'avif' },
  webp: { mime: 'image/webp', extension: 'webp' },
  tiff: { mime: 'image/tiff', extension: 'tif' },
  pdf: { mime: 'application/pdf', extension: 'pdf' },
};

/** file-type's extension for each accepted format (APNG is a PNG; HEIF and its sequences are `heic`). */
const FROM_FILE_TYPE: Readonly<Record<string, ReceiptFormat>> = {
  jpg: 'jpeg',
  png: 'png',
  apng: 'png',
  heic: 'heic',
  avif: 'avif',
  webp: 'webp',
  tif: 'tiff',
  pdf: 'pdf',
};

export const receiptFormatOf = (fileTypeExtension: string): ReceiptFormat | undefined => FROM_FILE_TYPE[fileTypeExtension];

const EXTENSIONS: Readonly<Record<string, ReceiptFormat>> = {
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jpe: 'jpeg',
  jfif: 'jpeg',
  png: 'png',
  heic: 'heic',
  heif: 'heic',
  hif: 'heic',
  avif: 'avif',
  webp: 'webp',
  tif: 'tiff',
  tiff: 'tiff',
  pdf: 'pdf',
};

const MIME_TYPES: Readonly<Record<string, ReceiptFormat>> = {
  'image/jpeg': 'jpeg',
  'image/jpg': 'jpeg',
  'image/pjpeg': 'jpeg',
  'image/png': 'png',
  'image/apng': 'png',
  'image/heic': 'heic',
  'image/heif': 'heic',
  'image/heic-sequence': 'heic',
  'image/heif-sequence': 'heic',
  'image/avif': 'avif',
  'image/webp': 'webp',
  'image/tiff': 'tiff',
  'application/pdf': 'pdf',
  'application/x-pdf': 'pdf',
};

/** What the app said the file was: its name and content type, never trusted, only compared. */
export interface Declared {
  readonly name?: string;
  readonly type?: string;
}

export interface DeclaredMismatch {
  /** The extension of the declared name, when it names another format (or none we accept). */
  readonly extension?: string;
  /** The declared content type, when it names another format (generic types are not a mismatch). */
  readonly type?: string;
}

const GENERIC_TYPES = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/** How the declared name and type disagree with the detected format, or undefined when they do not. */
export function declaredMismatch(declared: Declared, detected: ReceiptFormat): DeclaredMismatch | undefined {
  const extension = declared.name?.match(/\.([^./\\]+)$/)?.[1]?.toLowerCase();
  const type = declared.type?.split(';')[0]?.trim().toLowerCase();
  const wrongExtension = extension !== undefined && EXTENSIONS[extension] !== detected;
  const wrongType = type !== undefined && !GENERIC_TYPES.has(type) && MIME_TYPES[type] !== detected;
  if (!wrongExtension && !wrongType) return undefined;
  return { ...(wrongExtension ? { extension } : {}), ...(wrongType ? { type } : {}) };
}
