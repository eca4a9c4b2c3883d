// `pnpm cdk synth` runs this: the platform's stacks for the configuration given by
// `-c key=value` or NDF_* variables (see src/config.ts), written to cdk.out/.
import { App } from 'aws-cdk-lib';
import { catalog, assertCatalog } from '@ndf/catalog';
import { deploymentConfig, settingsFrom } from '../src/config.js';
import { PLATFORM_CONTEXT, buildPlatform } from '../src/platform.js';

assertCatalog(catalog);
const app = new App({ context: PLATFORM_CONTEXT });
buildPlatform(app, catalog, deploymentConfig(settingsFrom((key) => app.node.tryGetContext(key))));
app.synth();
