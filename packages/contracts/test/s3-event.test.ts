import { describe, expect, it } from 'vitest';
import { buildObjectCreatedEvent, buildTestEvent, encodeEventKey } from '../src/index.js';

describe('encodeEventKey', () => {
  it('writes spaces as + and keeps the slashes', () => {
    expect(encodeEventKey('receipts/2024 03/note de frais.pdf')).toBe('receipts/2024+03/note+de+frais.pdf');
  });

  it('percent-encodes reserved characters and UTF-8 bytes in upper case', () => {
    expect(encodeEventKey('a+b=(c)&d:e@f,g;h?i#j%k')).toBe('a%2Bb%3D%28c%29%26d%3Ae%40f%2Cg%3Bh%3Fi%23j%25k');
    expect(encodeEventKey('reçu-été.jpg')).toBe('re%C3%A7u-%C3%A9t%C3%A9.jpg');
    expect(encodeEventKey("it's~!")).toBe('it%27s%7E%21');
  });

  it('leaves letters, digits and . - _ * alone', () => {
    expect(encodeEventKey('Az09.-_*')).toBe('Az09.-_*');
  });
});

describe('buildObjectCreatedEvent', () => {
  it('has the shape of an S3 event notification, version 2.1', () => {
    const message = buildObjectCreatedEvent({
      eventName: 'ObjectCreated:Post',
      region: 'eu-west-3',
      eventTime: new Date('2024-05-06T07:08:09.123Z'),
      principalId: 'AWS:local',
      sourceIpAddress: '127.0.0.1',
      requestId: 'C3D13FE58DE4C810',
      hostId: 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
      configurationId: 'ocr-object-created',
      bucket: 'ndf-uploads',
      bucketOwnerPrincipalId: 'A2NDFLOCALOWNER',
      key: 'incoming/my receipt.png',
      size: 1024,
      eTag: '"d41d8cd98f00b204e9800998ecf8427e"',
      sequencer: '0055AED6DCD90281E5',
    });
    expect(message).toEqual({
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: 'eu-west-3',
          eventTime: '2024-05-06T07:08:09.123Z',
          eventName: 'ObjectCreated:Post',
          userIdentity: { principalId: 'AWS:local' },
          requestParameters: { sourceIPAddress: '127.0.0.1' },
          responseElements: {
            'x-amz-request-id': 'C3D13FE58DE4C810',
            'x-amz-id-2': 'FMyUVURIY8/IgAtTv8xRjskZQpcIZ9KG4V5Wp6S7S/JRWeUWerMUE5JgHvANOjpD',
          },
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: 'ocr-object-created',
            bucket: { name: 'ndf-uploads', ownerIdentity: { principalId: 'A2NDFLOCALOWNER' }, arn: 'arn:aws:s3:::ndf-uploads' },
            object: {
              key: 'incoming/my+receipt.png',
              size: 1024,
              eTag: 'd41d8cd98f00b204e9800998ecf8427e',
              sequencer: '0055AED6DCD90281E5',
            },
          },
        },
      ],
    });
  });

  it('survives a JSON round trip unchanged (it is sent as the SQS message body)', () => {
    const message = buildObjectCreatedEvent({
      eventName: 'ObjectCreated:Put',
      region: 'eu-west-3',
      eventTime: new Date(0),
      principalId: 'anonymous',
      sourceIpAddress: '127.0.0.1',
      requestId: 'R',
      hostId: 'H',
      configurationId: 'c',
      bucket: 'b',
      bucketOwnerPrincipalId: 'o',
      key: 'k',
      size: 0,
      eTag: 'e',
      sequencer: '00',
    });
    expect(JSON.parse(JSON.stringify(message))).toEqual(message);
    expect(message.Records[0]?.eventTime).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('buildTestEvent', () => {
  it('is the message S3 sends when a notification configuration is set', () => {
    expect(buildTestEvent({ bucket: 'ndf-uploads', time: new Date('2024-01-02T03:04:05.006Z'), requestId: 'REQ', hostId: 'HOST' })).toEqual(
      {
        Service: 'Amazon S3',
        Event: 's3:TestEvent',
        Time: '2024-01-02T03:04:05.006Z',
        Bucket: 'ndf-uploads',
        RequestId: 'REQ',
        HostId: 'HOST',
      },
    );
  });
});
