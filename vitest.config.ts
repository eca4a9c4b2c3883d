import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One project per workspace package with tests, named after its folder, so that the whole
// suite and each package's `test` script (`vitest run --project <name>`) share this config.
// test/ holds the cross-service ("system") tests; the service template is tested too, so
// that every generated service starts from code that compiles and passes.
const root = dirname(fileURLToPath(import.meta.url));
const packageDirs = ['packages', 'services'].flatMap((parent) =>
  existsSync(join(root, parent)) ? readdirSync(join(root, parent)).map((name) => join(parent, name)) : [],
);
const projects = [
  ...packageDirs.map((dir) => ({ dir, name: dir.split('/').pop()!, include: 'test/**/*.test.ts' })),
  // One worker for the CDK app's tests, its modules kept between files: the app is synthesized once.
  { dir: 'cdk', name: 'cdk', include: 'test/**/*.test.ts', isolate: false, fileParallelism: false },
  { dir: 'templates/service', name: 'service-template', include: 'test/**/*.test.ts' },
  { dir: 'test', name: 'system', include: '**/*.test.ts' },
].filter((project) => existsSync(join(root, project.dir, project.include.startsWith('test/') ? 'test' : '.')));

export default defineConfig({
  resolve: { conditions: ['development'] },
  ssr: { resolve: { conditions: ['development'] } },
  test: {
    // One local stack for the whole run, started when a file first calls useSharedStack (@ndf/testkit/shared-stack).
    globalSetup: [join(root, 'packages/testkit/src/shared-stack/global-setup.ts')],
    projects: projects.map((project) => ({
      extends: true,
      test: {
        name: project.name,
        root: join(root, project.dir),
        include: [project.include],
        testTimeout: 30_000,
        hookTimeout: 120_000,
        ...('isolate' in project ? { isolate: project.isolate, fileParallelism: project.fileParallelism } : {}),
      },
    })),
  },
});
