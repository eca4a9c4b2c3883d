import type { Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { catalog as realCatalog, type Catalog } from '@ndf/catalog';
import { deploymentConfig, type DeploymentConfig } from '../src/config.js';
import { offlineApp } from '../src/offline-app.js';
import { buildPlatform, platformStacks, serviceGroupOf, type BuildOptions, type Platform } from '../src/platform.js';

export const testConfig: DeploymentConfig = deploymentConfig(
  (key) => ({ stage: 'test', account: '123456789012', alarmEmails: 'oncall@example.com', alarmPhoneNumbers: '+33612345678' })[key],
);

export interface SynthesizedPlatform {
  readonly platform: Platform;
  /** Every stack of the app. */
  readonly stacks: readonly Stack[];
  readonly template: (stack: Stack) => Template;
  /** The template of the stack that holds a service. */
  readonly serviceTemplate: (service: string) => Template;
}

/** The whole app for a catalog, offline (see offlineApp). */
export function synthPlatform(
  catalog: Catalog = realCatalog,
  config: DeploymentConfig = testConfig,
  options: BuildOptions = {},
): SynthesizedPlatform {
  const platform = buildPlatform(offlineApp(), catalog, config, options);
  const templates = new Map<Stack, Template>();
  const template = (stack: Stack) => {
    if (!templates.has(stack)) templates.set(stack, Template.fromStack(stack));
    return templates.get(stack)!;
  };
  return {
    platform,
    stacks: platformStacks(platform),
    template,
    serviceTemplate: (service) => template(serviceGroupOf(platform, service)),
  };
}

let shared: SynthesizedPlatform | undefined;

/** How long the shared platform took to synthesize, every stack's template included. */
export let sharedSynthSeconds: number | undefined;

/** The platform of the committed catalog and the test configuration, synthesized once for all the test files of a worker. */
export function sharedPlatform(): SynthesizedPlatform {
  if (shared === undefined) {
    const started = performance.now();
    shared = synthPlatform();
    for (const stack of shared.stacks) shared.template(stack);
    sharedSynthSeconds = (performance.now() - started) / 1000;
  }
  return shared;
}

/** cdk-nag's findings of one level on a stack, as "rule at path: message" lines. */
export function nagFindings(stack: Stack, level: 'error' | 'warning'): string[] {
  const annotations = Annotations.fromStack(stack);
  const found =
    level === 'error'
      ? annotations.findError('*', Match.stringLikeRegexp('AwsSolutions-.*'))
      : annotations.findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*'));
  return found.map((finding) => `${finding.id}: ${String(finding.entry.data).split('\n')[0]}`);
}
