import { Template } from 'aws-cdk-lib/assertions';
import type { Catalog } from '@ndf/catalog';
import type { DeploymentConfig } from '../config.js';
import { offlineApp } from '../offline-app.js';
import { buildPlatform, platformStacks } from '../platform.js';
import type { TemplateJson } from './cloudwatch-alarm.js';

/** The templates of every stack of the platform, synthesized offline (cdk-nag off: it changes no alarm). */
export const platformTemplates = (catalog: Catalog, config: DeploymentConfig): TemplateJson[] =>
  platformStacks(buildPlatform(offlineApp(), catalog, config, { nag: false })).map(
    (stack) => Template.fromStack(stack).toJSON() as TemplateJson,
  );
