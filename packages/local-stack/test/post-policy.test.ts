import { createHmac } from 'node:crypto';
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { describe, expect, it } from 'vitest';
import { verifyPostPolicy, type PostPolicyResult, type PostRefused } from '../src/s3/index.js';

const REGION = 'eu-west-3';
const BUCKET = 'ndf-uploads';
const NOW = new Date('2024-05-06T12:00:00.000Z');
const SECRETS: Record<string, string> = { local: 'local-secret', other: 'other-secret' };
const credentials = (accessKeyId: string) => SECRETS[accessKeyId];

/** SigV4 POST signature, computed here independently of the code under test. */
function signature(policy: string, secret: string, date: string, region: string): string {
  let key: Buffer | string = `AWS4${secret}`;
  for (const part of [date, region, 's3', 'aws4_request']) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(policy).digest('hex');
}

interface FormOptions {
  expiration?: string;
  accessKeyId?: string;
  secret?: string;
  region?: string;
  /** Conditions added to the ones that cover the given fields. */
  conditions?: unknown[];
  /** Fields sent but left out of the policy. */
  unsigned?: Record<string, string>;
}

/** A signed form whose policy covers exactly the given fields, plus `options.conditions`. */
function signedForm(fields: Record<string, string>, options: FormOptions = {}): Record<string, string> {
  const accessKeyId = options.accessKeyId ?? 'local';
  const region = options.region ?? REGION;
  const all: Record<string, string> = {
    bucket: BUCKET,
    'x-amz-algorithm': 'AWS4-HMAC-SHA256',
    'x-amz-credential': `${accessKeyId}/20240506/${region}/s3/aws4_request`,
    'x-amz-date': '20240506T115900Z',
    ...fields,
  };
  const conditions = [...Object.entries(all).map(([name, value]) => ({ [name]: value })), ...(options.conditions ?? [])];
  const policy = Buffer.from(JSON.stringify({ expiration: options.expiration ?? '2024-05-06T13:00:00.000Z', conditions })).toString(
    'base64',
  );
  const secret = options.secret ?? SECRETS[accessKeyId] ?? 'unknown';
  return { ...all, ...options.unsigned, policy, 'x-amz-signature': signature(policy, secret, '20240506', region) };
}

function verify(
  fields: Record<string, string>,
  extra: { filename?: string; fileSize?: number; bucket?: string; now?: Date } = {},
): PostPolicyResult {
  return verifyPostPolicy({
    bucket: extra.bucket ?? BUCKET,
    fields,
    filename: extra.filename ?? 'receipt.png',
    fileSize: extra.fileSize,
    now: extra.now ?? NOW,
    region: REGION,
    credentials,
  });
}

function refusal(result: PostPolicyResult): PostRefused {
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result)}`);
  return result;
}

describe('verifyPostPolicy: accepted uploads', () => {
  it('accepts a form made by the SDK, with ${filename}, a size range and a Content-Type prefix', async () => {
    const client = new S3Client({
      region: REGION,
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local-secret' },
    });
    const { fields } = await createPresignedPost(client, {
      Bucket: BUCKET,
      Key: 'incoming/user-1/${filename}',
      Conditions: [
        ['content-length-range', 1, 1000],
        ['starts-with', '$Content-Type', 'image/'],
      ],
      Fields: { 'Content-Type': 'image/png', 'x-amz-meta-owner': 'user-1' },
      Expires: 600,
    });
    const result = verifyPostPolicy({
      bucket: BUCKET,
      fields,
      filename: 'note de frais.png',
      fileSize: 500,
      now: new Date(),
      region: REGION,
      credentials,
    });
    expect(result).toEqual({
      ok: true,
      key: 'incoming/user-1/note de frais.png',
      contentType: 'image/png',
      metadata: { owner: 'user-1' },
      headers: {},
      successActionStatus: 204,
      successActionRedirect: undefined,
      accessKeyId: 'local',
      contentLengthRange: { min: 1, max: 1000 },
    });
  });

  it('reads field names without regard to case, and ignores x-ignore-* fields', () => {
    const form = signedForm({ key: 'a.txt', 'Content-Type': 'text/plain' }, { unsigned: { 'x-ignore-tracking': '42' } });
    const { policy, 'x-amz-signature': sig, ...rest } = form;
    const result = verify({ ...rest, Policy: policy ?? '', 'X-Amz-Signature': (sig ?? '').toUpperCase() });
    expect(result).toMatchObject({ ok: true, key: 'a.txt', contentType: 'text/plain' });
  });

  it('defaults the content type as S3 does, and keeps the headers stored with the object', () => {
    const result = verify(signedForm({ key: 'a', 'Cache-Control': 'no-cache', 'Content-Disposition': 'attachment' }));
    expect(result).toMatchObject({
      ok: true,
      contentType: 'binary/octet-stream',
      headers: { 'cache-control': 'no-cache', 'content-disposition': 'attachment' },
    });
  });

  it('answers success_action_status 200 and 201, and 204 for anything else', () => {
    expect(verify(signedForm({ key: 'a', success_action_status: '201' }))).toMatchObject({ ok: true, successActionStatus: 201 });
    expect(verify(signedForm({ key: 'a', success_action_status: '200' }))).toMatchObject({ ok: true, successActionStatus: 200 });
    expect(verify(signedForm({ key: 'a', success_action_status: '302' }))).toMatchObject({ ok: true, successActionStatus: 204 });
  });

  it('checks starts-with on each entry of a Content-Type list', () => {
    const conditions = [['starts-with', '$Content-Type', 'image/']];
    const list = (value: string) => {
      const form = signedForm({ key: 'a' }, { conditions });
      return verify({ ...form, 'Content-Type': value });
    };
    expect(list('image/png, image/jpeg')).toMatchObject({ ok: true });
    expect(refusal(list('image/png, text/plain')).message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["starts-with", "$Content-Type", "image/"]',
    );
  });

  it('lets starts-with "" match any value of a field that is present', () => {
    const form = signedForm({ key: 'a' }, { conditions: [['starts-with', '$x-amz-meta-note', '']] });
    expect(verify({ ...form, 'x-amz-meta-note': 'lunch' })).toMatchObject({ ok: true, metadata: { note: 'lunch' } });
  });
});

describe('verifyPostPolicy: refused uploads', () => {
  it('refuses an expired policy', () => {
    const result = refusal(verify(signedForm({ key: 'a' }, { expiration: '2024-05-06T11:59:59.000Z' })));
    expect(result).toMatchObject({ status: 403, code: 'AccessDenied', message: 'Invalid according to Policy: Policy expired.' });
  });

  it('refuses a tampered signature, a tampered policy and a wrong secret', () => {
    const form = signedForm({ key: 'a' });
    const tampered = `${(form['x-amz-signature'] ?? '').slice(0, -1)}${form['x-amz-signature']?.endsWith('0') ? '1' : '0'}`;
    expect(refusal(verify({ ...form, 'x-amz-signature': tampered }))).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    const otherPolicy = Buffer.from(JSON.stringify({ expiration: '2030-01-01T00:00:00Z', conditions: [] })).toString('base64');
    expect(refusal(verify({ ...form, policy: otherPolicy }))).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
    expect(refusal(verify(signedForm({ key: 'a' }, { secret: 'not-the-secret' })))).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
  });

  it('refuses an unknown access key', () => {
    expect(refusal(verify(signedForm({ key: 'a' }, { accessKeyId: 'nobody' })))).toMatchObject({
      status: 403,
      code: 'InvalidAccessKeyId',
      details: { AWSAccessKeyId: 'nobody' },
    });
  });

  it('refuses another algorithm, a credential for another region, a malformed credential', () => {
    const form = signedForm({ key: 'a' });
    expect(refusal(verify({ ...form, 'x-amz-algorithm': 'AWS4-HMAC-SHA1' }))).toMatchObject({ status: 400, code: 'InvalidArgument' });
    expect(refusal(verify(signedForm({ key: 'a' }, { region: 'us-east-1' })))).toMatchObject({
      status: 400,
      code: 'AuthorizationQueryParametersError',
      message: "Error parsing the X-Amz-Credential parameter; the region 'us-east-1' is wrong; expecting 'eu-west-3'",
    });
    expect(refusal(verify({ ...form, 'x-amz-credential': 'local/20240506' }))).toMatchObject({
      status: 400,
      code: 'AuthorizationQueryParametersError',
    });
  });

  it('refuses a key outside the starts-with condition, after ${filename} is replaced', () => {
    const form = signedForm({}, { conditions: [['starts-with', '$key', 'incoming/user-1/']] });
    expect(verify({ ...form, key: 'incoming/user-1/${filename}' })).toMatchObject({ ok: true, key: 'incoming/user-1/receipt.png' });
    const result = refusal(verify({ ...form, key: 'incoming/user-2/${filename}' }));
    expect(result).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "incoming/user-1/"]',
    });
  });

  it('refuses a field that no condition covers', () => {
    const result = refusal(verify(signedForm({ key: 'a' }, { unsigned: { 'x-amz-meta-owner': 'someone-else' } })));
    expect(result).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: 'Invalid according to Policy: Extra input fields: x-amz-meta-owner',
    });
  });

  it('refuses a changed value of an exact condition', () => {
    const form = signedForm({ key: 'a', 'Content-Type': 'image/png' });
    expect(refusal(verify({ ...form, 'Content-Type': 'text/html' })).message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["eq", "$Content-Type", "image/png"]',
    );
  });

  it('refuses a condition on a field the form lacks', () => {
    const form = signedForm({ key: 'a' }, { conditions: [['eq', '$acl', 'private']] });
    expect(refusal(verify(form)).message).toBe('Invalid according to Policy: Policy Condition failed: ["eq", "$acl", "private"]');
  });

  it('checks the bucket condition against the bucket of the URL', () => {
    const result = refusal(verify(signedForm({ key: 'a' }), { bucket: 'another-bucket' }));
    expect(result.message).toBe(`Invalid according to Policy: Policy Condition failed: ["eq", "$bucket", "${BUCKET}"]`);
  });

  it('checks content-length-range against the real size', () => {
    const form = signedForm({ key: 'a' }, { conditions: [['content-length-range', 10, 100]] });
    expect(verify(form, { fileSize: 10 })).toMatchObject({ ok: true });
    expect(verify(form, { fileSize: 100 })).toMatchObject({ ok: true });
    expect(verify(form)).toMatchObject({ ok: true, contentLengthRange: { min: 10, max: 100 } });
    expect(refusal(verify(form, { fileSize: 101 }))).toEqual({
      ok: false,
      status: 400,
      code: 'EntityTooLarge',
      message: 'Your proposed upload exceeds the maximum allowed size',
      details: { ProposedSize: '101', MaxSizeAllowed: '100' },
    });
    expect(refusal(verify(form, { fileSize: 9 }))).toMatchObject({
      status: 400,
      code: 'EntityTooSmall',
      details: { ProposedSize: '9', MinSizeAllowed: '10' },
    });
  });

  it('asks for the fields S3 requires', () => {
    const form = signedForm({});
    expect(refusal(verify(form))).toMatchObject({ status: 400, code: 'InvalidArgument', details: { ArgumentName: 'key' } });
    const { 'x-amz-date': _date, ...withoutDate } = signedForm({ key: 'a' });
    expect(refusal(verify(withoutDate))).toMatchObject({ status: 400, code: 'InvalidArgument', details: { ArgumentName: 'x-amz-date' } });
    expect(refusal(verify({ key: 'a' }))).toMatchObject({ status: 403, code: 'AccessDenied', message: 'Access Denied' });
    expect(refusal(verify(signedForm({ key: '${filename}' }), { filename: '' }))).toMatchObject({ status: 400, code: 'InvalidArgument' });
  });

  it('refuses a policy that is not base64 JSON, or that has a malformed condition', () => {
    const sign = (policy: string) => ({
      ...signedForm({ key: 'a' }),
      policy,
      'x-amz-signature': signature(policy, 'local-secret', '20240506', REGION),
    });
    expect(refusal(verify(sign(Buffer.from('{not json').toString('base64'))))).toMatchObject({
      status: 400,
      code: 'InvalidPolicyDocument',
    });
    expect(refusal(verify(sign('***')))).toMatchObject({ status: 400, code: 'InvalidPolicyDocument' });
    const noExpiration = Buffer.from(JSON.stringify({ conditions: [] })).toString('base64');
    expect(refusal(verify(sign(noExpiration)))).toMatchObject({
      code: 'InvalidPolicyDocument',
      message: 'Invalid Policy: Policy missing expiration.',
    });
    const badCondition = Buffer.from(
      JSON.stringify({ expiration: '2030-01-01T00:00:00Z', conditions: [['starts-with', 'key', 'a']] }),
    ).toString('base64');
    expect(refusal(verify(sign(badCondition)))).toMatchObject({ code: 'InvalidPolicyDocument' });
  });
});
