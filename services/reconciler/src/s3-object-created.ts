import { buildObjectCreatedEvent, type S3EventMessage } from '@ndf/contracts';

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

const RECONCILER = 'reconciler';

/**
 * The object-created notification S3 sends for an upload by presigned POST, for an upload whose
 * own notification was lost: its consumer cannot tell them apart.
 */
export function s3ObjectCreatedEvent(object: StoredObject): S3EventMessage {
  return buildObjectCreatedEvent({
    eventName: 'ObjectCreated:Post',
    region: object.region,
    eventTime: object.lastModified,
    principalId: RECONCILER,
    sourceIpAddress: '127.0.0.1',
    requestId: RECONCILER,
    hostId: RECONCILER,
    configurationId: RECONCILER,
    bucket: object.bucket,
    bucketOwnerPrincipalId: RECONCILER,
    key: object.key,
    size: object.size,
    eTag: object.eTag,
    versionId: object.versionId,
    sequencer: object.lastModified.getTime().toString(16).toUpperCase().padStart(16, '0'),
  });
}
