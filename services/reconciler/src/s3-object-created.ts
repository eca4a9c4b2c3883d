/** An object of the receipts bucket, as HeadObject describes it. */
export interface StoredObject {
  readonly region: string;
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly eTag: string;
  readonly versionId?: string;
  readonly lastModified: Date;
}

/** A key as S3 writes it in an event: form encoding (space as `+`), `/` kept. */
function encodeEventKey(key: string): string {
  return encodeURIComponent(key)
    .replaceAll('%2F', '/')
    .replaceAll('%20', '+')
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The object-created notification S3 sends for an upload by presigned POST (event structure
 * 2.1), for an upload whose own notification was lost: its consumer cannot tell them apart.
 */
export function s3ObjectCreatedEvent(object: StoredObject) {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: object.region,
        eventTime: object.lastModified.toISOString(),
        eventName: 'ObjectCreated:Post',
        userIdentity: { principalId: 'reconciler' },
        requestParameters: { sourceIPAddress: '127.0.0.1' },
        responseElements: { 'x-amz-request-id': 'reconciler', 'x-amz-id-2': 'reconciler' },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: 'reconciler',
          bucket: { name: object.bucket, ownerIdentity: { principalId: 'reconciler' }, arn: `arn:aws:s3:::${object.bucket}` },
          object: {
            key: encodeEventKey(object.key),
            size: object.size,
            eTag: object.eTag.replaceAll('"', ''),
            ...(object.versionId ? { versionId: object.versionId } : {}),
            sequencer: object.lastModified.getTime().toString(16).toUpperCase().padStart(16, '0'),
          },
        },
      },
    ],
  };
}
