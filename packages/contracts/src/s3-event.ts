/** The notification messages S3 puts on a queue: event structure version 2.1, and the test event. */

export type ObjectCreatedEventName =
  'ObjectCreated:Put' | 'ObjectCreated:Post' | 'ObjectCreated:Copy' | 'ObjectCreated:CompleteMultipartUpload';

export interface S3EventRecord {
  readonly eventVersion: '2.1';
  readonly eventSource: 'aws:s3';
  readonly awsRegion: string;
  readonly eventTime: string;
  readonly eventName: ObjectCreatedEventName;
  readonly userIdentity: { readonly principalId: string };
  readonly requestParameters: { readonly sourceIPAddress: string };
  readonly responseElements: { readonly 'x-amz-request-id': string; readonly 'x-amz-id-2': string };
  readonly s3: {
    readonly s3SchemaVersion: '1.0';
    readonly configurationId: string;
    readonly bucket: { readonly name: string; readonly ownerIdentity: { readonly principalId: string }; readonly arn: string };
    readonly object: {
      readonly key: string;
      readonly size: number;
      readonly eTag: string;
      /** Set for an object of a versioned bucket. */
      readonly versionId?: string;
      readonly sequencer: string;
    };
  };
}

export interface S3EventMessage {
  readonly Records: readonly S3EventRecord[];
}

export interface S3TestEventMessage {
  readonly Service: 'Amazon S3';
  readonly Event: 's3:TestEvent';
  readonly Time: string;
  readonly Bucket: string;
  readonly RequestId: string;
  readonly HostId: string;
}

export interface ObjectCreatedEvent {
  readonly eventName: ObjectCreatedEventName;
  readonly region: string;
  readonly eventTime: Date;
  /** Who made the request, e.g. `AWS:<access key id>`. */
  readonly principalId: string;
  readonly sourceIpAddress: string;
  readonly requestId: string;
  readonly hostId: string;
  readonly configurationId: string;
  readonly bucket: string;
  readonly bucketOwnerPrincipalId: string;
  /** The object key as stored, not encoded. */
  readonly key: string;
  readonly size: number;
  /** With or without the surrounding quotes of the ETag header. */
  readonly eTag: string;
  /** The version the creation made, in a versioned bucket. */
  readonly versionId?: string | undefined;
  readonly sequencer: string;
}

/**
 * Encodes a key the way S3 writes it in event messages: form encoding (space as `+`, every
 * byte outside `A-Z a-z 0-9 . - _ *` as `%XX` of its UTF-8), with `/` left as it is.
 */
export function encodeEventKey(key: string): string {
  let encoded = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-_*/]/.test(char)) encoded += char;
    else if (char === ' ') encoded += '+';
    else encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

export function buildObjectCreatedEvent(event: ObjectCreatedEvent): S3EventMessage {
  return {
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: event.region,
        eventTime: event.eventTime.toISOString(),
        eventName: event.eventName,
        userIdentity: { principalId: event.principalId },
        requestParameters: { sourceIPAddress: event.sourceIpAddress },
        responseElements: { 'x-amz-request-id': event.requestId, 'x-amz-id-2': event.hostId },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: event.configurationId,
          bucket: {
            name: event.bucket,
            ownerIdentity: { principalId: event.bucketOwnerPrincipalId },
            arn: `arn:aws:s3:::${event.bucket}`,
          },
          object: {
            key: encodeEventKey(event.key),
            size: event.size,
            eTag: event.eTag.replace(/^"|"$/g, ''),
            ...(event.versionId ? { versionId: event.versionId } : {}),
            sequencer: event.sequencer,
          },
        },
      },
    ],
  };
}

/** What S3 sends to each destination when a notification configuration is set. */
export function buildTestEvent(input: { bucket: string; time: Date; requestId: string; hostId: string }): S3TestEventMessage {
  return {
    Service: 'Amazon S3',
    Event: 's3:TestEvent',
    Time: input.time.toISOString(),
    Bucket: input.bucket,
    RequestId: input.requestId,
    HostId: input.hostId,
  };
}
