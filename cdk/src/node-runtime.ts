import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { WORKSPACE_ROOT } from './paths.js';

/** The Node.js the platform runs everywhere (Lambda, the services' image, the laptop, CI), pinned in .node-version. */
export const NODE_VERSION = readFileSync(join(WORKSPACE_ROOT, '.node-version'), 'utf8').trim();
export const NODE_MAJOR = Number(NODE_VERSION.split('.')[0]);

/** Lambda's managed runtime of that major version (nodejs24.x for 24.x). */
export const lambdaNodeRuntime = (): lambda.Runtime =>
  new lambda.Runtime(`nodejs${NODE_MAJOR}.x`, lambda.RuntimeFamily.NODEJS, { supportsInlineCode: true });
