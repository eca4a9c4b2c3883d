import { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { ACCEPTED, accept } from '../nag-suppressions.js';
import { lambdaNodeRuntime } from '../node-runtime.js';
import { WORKSPACE_ROOT, servicePath } from '../paths.js';
import { encryptedLogGroup } from './encrypted-log-group.js';

export interface NodeLambdaProps {
  /** The service folder (services/<service>) and the file that exports `handler`. */
  readonly service: string;
  readonly entry: string;
  readonly functionName: string;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly environment: Record<string, string>;
  readonly key: kms.IKey;
  readonly reservedConcurrentExecutions?: number;
}

/**
 * A handler of the workspace as a Lambda function: bundled by the workspace's own esbuild
 * (no Docker) from the TypeScript sources (the `development` export condition), as ESM on
 * the current Node runtime, arm64, with its own encrypted log group and X-Ray tracing.
 */
export function nodeLambda(scope: Construct, id: string, props: NodeLambdaProps): nodejs.NodejsFunction {
  const fn = new nodejs.NodejsFunction(scope, id, {
    functionName: props.functionName,
    entry: servicePath(props.service, props.entry),
    handler: 'handler',
    projectRoot: WORKSPACE_ROOT,
    depsLockFilePath: join(WORKSPACE_ROOT, 'pnpm-lock.yaml'),
    runtime: lambdaNodeRuntime(),
    architecture: lambda.Architecture.ARM_64,
    memorySize: props.memorySize,
    timeout: props.timeout,
    environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
    environmentEncryption: props.key,
    reservedConcurrentExecutions: props.reservedConcurrentExecutions,
    tracing: lambda.Tracing.ACTIVE,
    logGroup: encryptedLogGroup(scope, `${id}Logs`, `/aws/lambda/${props.functionName}`, props.key),
    loggingFormat: lambda.LoggingFormat.TEXT,
    bundling: {
      format: nodejs.OutputFormat.ESM,
      minify: true,
      sourceMap: true,
      // Every package of the workspace exports its sources under `development`; the bundle takes them.
      esbuildArgs: { '--conditions': 'development' },
      // ESM bundles of CommonJS dependencies still call require().
      banner: "import { createRequire as __ndfCreateRequire } from 'node:module'; const require = __ndfCreateRequire(import.meta.url);",
      externalModules: [],
    },
  });
  accept(fn, ACCEPTED.kmsGrant, ACCEPTED.xrayTracing, ACCEPTED.lambdaBasicExecution);
  return fn;
}
