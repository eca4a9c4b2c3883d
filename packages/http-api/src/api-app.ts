import type { Environment } from '@ndf/core';
import type { MetricsSink } from './request-metrics.js';
import type { HttpHandler } from './router.js';

/** What an API's app is given besides its clients and configuration: its clock, its failure log and its metrics sink. */
export interface ApiRuntime {
  readonly clock: () => Date;
  /** One JSON object per line; failures only, the gateway logs every request. */
  readonly log: (entry: Record<string, unknown>) => void;
  /** One EMF line for every request answered (see request-metrics.ts): stdout in Lambda. */
  readonly metrics: MetricsSink;
}

/** An API built from an environment: its handler, and what releases the clients it made. */
export interface ApiApp {
  readonly handle: HttpHandler;
  destroy(): void;
}

/**
 * Builds an API from the variables of an environment (the endpoints, NDF_PREFIX and so its table
 * and bucket names) and a runtime: the Lambda's own from the process, a test's from its stack.
 */
export type ApiFactory = (env: Environment, runtime: ApiRuntime) => ApiApp;

/** In Lambda: the wall clock, one JSON line per failure on stderr, EMF lines on stdout (none with NDF_EMF=false). */
export function lambdaRuntime(apiName: string, env: Environment): ApiRuntime {
  return {
    clock: () => new Date(),
    log: (entry) => console.error(JSON.stringify({ time: new Date().toISOString(), service: apiName, ...entry })),
    // Raw, as EMF wants it: console.log would prefix the line with the request id and level.
    metrics: env.NDF_EMF === 'false' ? () => undefined : (line) => void process.stdout.write(`${line}\n`),
  };
}

/**
 * The Lambda entry point of an API: the app built once per container, at import, from the
 * process's environment, so that the init phase pays for the clients and compiled validators,
 * not the first request. Nothing else reads the process's environment: tests call the factory.
 */
export function lambdaHandler(apiName: string, factory: ApiFactory): HttpHandler {
  const app = factory(process.env, lambdaRuntime(apiName, process.env));
  return (event) => app.handle(event);
}
