import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { App, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { catalog } from '@ndf/catalog';
import { gatewayEvent } from '@ndf/testkit';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { PLATFORM_CONTEXT, buildPlatform, type Platform } from '../src/platform.js';
import { logicalIdOf } from './policy.js';
import { testConfig } from './platform-fixture.js';

// The very files CloudFormation would deploy as Lambda code, bundled by esbuild as
// `pnpm cdk synth` does, then loaded and called: an import or bundling mistake (a missing
// export condition, a CommonJS require in the ESM bundle) shows here, not in the cloud.
let outdir: string;
let platform: Platform;

beforeAll(() => {
  outdir = mkdtempSync(join(tmpdir(), 'ndf-cdk-bundles-'));
  const app = new App({
    outdir,
    context: {
      ...PLATFORM_CONTEXT,
      'aws:cdk:bundling-stacks': [
        `Ndf-${testConfig.stage}-Ingest`,
        `Ndf-${testConfig.stage}-Pipeline`,
        `Ndf-${testConfig.stage}-Observability`,
      ],
    },
  });
  platform = buildPlatform(app, catalog, testConfig, { nag: false });
  app.synth();
}, 120_000);

/** The bundle of a function: the asset folder its S3 key names. */
function bundleOf(stack: Stack, fn: IFunction): string {
  const code = Template.fromStack(stack).toJSON().Resources[logicalIdOf(fn)].Properties.Code as { S3Key: string };
  return join(outdir, `asset.${code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs');
}

async function load<T>(file: string): Promise<T> {
  expect(statSync(file).size).toBeGreaterThan(10_000);
  return (await import(pathToFileURL(file).href)) as T;
}

describe('the Lambda bundles', () => {
  it.each(catalog.apis.map((api) => api.name))('of the %s loads and answers its public routes with its own document', async (name) => {
    const api = platform.ingest.apis.find((deployed) => deployed.entry.name === name)!;
    const { handler } = await load<{ handler: (event: unknown) => Promise<{ statusCode: number; body: string }> }>(
      bundleOf(platform.ingest, api.handler),
    );
    const contract = await handler(gatewayEvent('GET', `${api.entry.basePath}/openapi.json`, { authorized: false }));
    expect(contract.statusCode).toBe(200);
    expect(JSON.parse(contract.body)).toMatchObject({
      openapi: expect.stringMatching(/^3\.1/),
      info: { title: expect.stringContaining(name.replace('-api', ' API')) },
    });
  });

  it('of the stream router loads, routes an empty batch and writes its metrics', async () => {
    const router = platform.pipeline.routers[0]!;
    const { handler } = await load<{ handler: (event: unknown, context: { getRemainingTimeInMillis(): number }) => Promise<unknown> }>(
      bundleOf(platform.pipeline, router.function),
    );
    const written: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    // Lambda passes its context; the router bounds its calls by the time it has left.
    const answer = await handler({ Records: [] }, { getRemainingTimeInMillis: () => 60_000 }).finally(() => write.mockRestore());
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(JSON.parse(written[0]!)).toMatchObject({ Service: router.entry.name, stream_records: 0 });
  });

  it('of the alert forwarder loads without the mail library, and answers an empty delivery without reading its secret', async () => {
    const bundle = bundleOf(platform.observability, platform.observability.forwarder.function);
    expect(readFileSync(bundle, 'utf8')).not.toContain('nodemailer');
    const { handler } = await load<{ handler: (event: unknown) => Promise<void> }>(bundle);
    vi.stubEnv('NDF_ALERT_WEBHOOK_SECRET', 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:ndf-test-alerts-chat-webhook-AbCdEf');
    try {
      await expect(handler({ Records: [] })).resolves.toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
