import { describe, expect, it } from 'vitest';
import { tenantOfPayload } from '../src/quarantine/index.js';

describe('tenantOfPayload', () => {
  it('finds the tenant of a job, a stream record, and an S3 event', () => {
    expect(tenantOfPayload(JSON.stringify({ tenant: 'acme', receiptId: 'r-1' }))).toBe('acme');
    const streamRecord = { dynamodb: { Keys: { pk: { S: 'T#globex#N#n-1' }, sk: { S: 'NOTE' } }, NewImage: { owner: { S: 'bob' } } } };
    expect(tenantOfPayload(JSON.stringify(streamRecord))).toBe('globex');
    const typedImage = { dynamodb: { NewImage: { tenant: { S: 'initech' } } } };
    expect(tenantOfPayload(JSON.stringify(typedImage))).toBe('initech');
    const s3Event = { Records: [{ s3: { object: { key: 'tenants/umbrella.fr/receipts/0b9e2f9e-1111-4111-8111-111111111111' } } }] };
    expect(tenantOfPayload(JSON.stringify(s3Event))).toBe('umbrella.fr');
    expect(tenantOfPayload('tenants%2Fhooli%2Fnotes%2Fx')).toBe('hooli');
  });

  it('names no tenant for a payload that holds none, or one that is not a tenant id', () => {
    expect(tenantOfPayload(JSON.stringify({ receipt: 'r-1' }))).toBeUndefined();
    expect(tenantOfPayload('not json at all')).toBeUndefined();
    expect(tenantOfPayload(JSON.stringify({ tenant: '../etc' }))).toBeUndefined();
  });
});
