import { PutObjectCommand } from '@aws-sdk/client-s3';
import { bucketName, catalog } from '@ndf/catalog';
import { useSharedStack, type SharedStack } from '@ndf/local-stack/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3ObjectSource, sniffReceipt } from '../src/lib.js';
import * as make from './inputs.js';

describe('sniffing a receipt in S3 by ranges', () => {
  let stack: SharedStack;
  let bucket: string;
  const put = (key: string, body: Uint8Array) => stack.clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

  beforeAll(async () => {
    stack = await useSharedStack('sniffs3-', catalog);
    bucket = bucketName(stack.config.prefix, 'receipts');
  });
  afterAll(() => stack?.stop());

  it('accepts a 2 MB photo after reading a few percent of it', async () => {
    const photo = await make.photoJpeg(2000, 1500);
    await put('acme/n-1/photo.pdf', photo);
    const source = await s3ObjectSource(stack.clients.s3, { bucket, key: 'acme/n-1/photo.pdf' });
    expect(source.size).toBe(photo.length);
    const result = await sniffReceipt(source, { declared: { name: 'photo.pdf' } });
    expect(result).toMatchObject({ outcome: 'accepted', format: 'jpeg', mismatch: { extension: 'pdf' } });
    expect(result.bytesRead).toBeLessThan(photo.length / 10);
  });

  it('finds a ZIP appended to a large photo, with the size from the event', async () => {
    const polyglot = make.join(await make.photoJpeg(2000, 1500), make.zip([{ name: 'a.html', data: make.bytes('<script></script>') }]));
    await put('acme/n-2/receipt.jpg', polyglot);
    const source = await s3ObjectSource(stack.clients.s3, { bucket, key: 'acme/n-2/receipt.jpg', size: polyglot.length });
    const result = await sniffReceipt(source);
    expect(result).toMatchObject({ outcome: 'refused', code: 'polyglot' });
    expect(result.bytesRead).toBeLessThan(polyglot.length / 10);
  });

  it('refuses an empty object without a ranged read', async () => {
    await put('acme/n-3/empty.jpg', new Uint8Array(0));
    const result = await sniffReceipt(await s3ObjectSource(stack.clients.s3, { bucket, key: 'acme/n-3/empty.jpg' }));
    expect(result).toMatchObject({ outcome: 'refused', code: 'empty', bytesRead: 0 });
  });

  it('throws, rather than refusing, when the object is not there', async () => {
    await expect(s3ObjectSource(stack.clients.s3, { bucket, key: 'acme/n-4/missing.jpg' })).rejects.toMatchObject({ name: 'NotFound' });
  });
});
