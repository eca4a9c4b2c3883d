import { randomUUID } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { buildObjectCreatedEvent, type S3EventMessage } from '@ndf/contracts';

/** What these helpers need of a platform: its S3 emulator's address and its receipts bucket (platformAccess gives both). */
interface StoredTo {
  endpoint(name: 's3Backend'): string;
  readonly receiptsBucket: string;
}

/** Stores a file straight into the S3 emulator, behind the edge's back: no notification is ever sent for it. */
export async function storeBehindTheEdge(platform: StoredTo, key: string, body: Uint8Array, contentType: string): Promise<void> {
  const backend = new S3Client({
    endpoint: platform.endpoint('s3Backend'),
    region: 'eu-west-3',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  try {
    await backend.send(new PutObjectCommand({ Bucket: platform.receiptsBucket, Key: key, Body: body, ContentType: contentType }));
  } finally {
    backend.destroy();
  }
}

/** The S3 event of an upload of `key` to the receipts bucket, as the edge would send it (a version when the upload made one). */
export function receiptUploadEvent(platform: StoredTo, upload: { key: string; size: number; versionId?: string }): S3EventMessage {
  return buildObjectCreatedEvent({
    region: 'eu-west-3',
    eventTime: new Date(),
    eventName: 'ObjectCreated:Post',
    principalId: 'test',
    sourceIpAddress: '127.0.0.1',
    requestId: randomUUID(),
    hostId: randomUUID(),
    configurationId: 'receipts',
    bucket: platform.receiptsBucket,
    bucketOwnerPrincipalId: 'test',
    key: upload.key,
    size: upload.size,
    eTag: '"0"',
    ...(upload.versionId ? { versionId: upload.versionId } : {}),
    sequencer: Date.now().toString(16),
  });
}
