import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { PLATFORM_CONTEXT } from './platform.js';

/**
 * An app that synthesizes offline and fast, for reading its templates: Lambda bundling skipped
 * (no esbuild run), assets referenced where they are instead of copied, output in a temporary folder.
 */
export const offlineApp = (): App =>
  new App({
    outdir: mkdtempSync(join(tmpdir(), 'ndf-cdk-')),
    context: { ...PLATFORM_CONTEXT, 'aws:cdk:bundling-stacks': [], 'aws:cdk:disable-asset-staging': true },
  });
