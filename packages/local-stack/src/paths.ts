import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export const paths = {
  packageRoot,
  repoRoot: resolve(packageRoot, '..', '..'),
  /** Where `npm run setup` puts DynamoDB Local and its launcher. */
  dynamoDbLocal: resolve(packageRoot, '..', '..', '.tools', 'dynamodb-local-2.9.30'),
  /** Default data folder of a developer's stack: tables, receipts, mail, signing key. */
  defaultDataDir: resolve(packageRoot, '..', '..', '.data'),
  /** Where the platform's prebuilt bundles go, one folder per run (see bundleProcesses). */
  bundleCacheDir: resolve(packageRoot, '..', '..', 'node_modules', '.cache', 'ndf-platform'),
  s3BackendLauncher: join(packageRoot, 'bin', 's3-backend.mjs'),
};
