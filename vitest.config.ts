import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// One project per workspace package with tests, named after its folder, so that the whole
// suite and each package's `test` script (`vitest run --project <name>`) share this config.
// test/ holds the cross-service ("system") tests. The service template is not a project: it
// names a catalog entry only once generated; test/generator.test.ts generates a service from it
// and runs that service's checks and tests.
const root = dirname(fileURLToPath(import.meta.url));
const packageDirs = ['packages', 'services'].flatMap((parent) =>
  existsSync(join(root, parent)) ? readdirSync(join(root, parent)).map((name) => join(parent, name)) : [],
);
// Files run two at a time, each worker keeping its modules between files (isolate: false): most
// integration files wait on emulators and timers rather than compute, and importing the AWS SDK
// again for every file cost more than the tests of many. Then, one file at a time: the CDK app's
// tests, in one worker so that the app is synthesized once; then the tests that boot a stack or
// a tree of processes of their own (the local stack's, the cross-service ones), which would
// starve each other, and the JVM's startup, on two cores.
const startsItsOwnProcesses = new Set(['packages/local-stack']);
const projects = [
  ...packageDirs.map((dir) => ({
    dir,
    name: dir.split('/').pop()!,
    include: 'test/**/*.test.ts',
    ...(startsItsOwnProcesses.has(dir) ? { group: 2, workers: 1 } : { group: 0, workers: 2 }),
  })),
  { dir: 'cdk', name: 'cdk', include: 'test/**/*.test.ts', group: 1, workers: 1 },
  { dir: 'test', name: 'system', include: '**/*.test.ts', group: 2, workers: 1 },
].filter((project) => existsSync(join(root, project.dir, project.include.startsWith('test/') ? 'test' : '.')));

export default defineConfig({
  resolve: { conditions: ['development'] },
  ssr: { resolve: { conditions: ['development'] } },
  test: {
    // One local stack for the whole run, started when a file first calls useSharedStack (@ndf/local-stack/testing).
    globalSetup: [join(root, 'packages/local-stack/src/testing/global-setup.ts')],
    projects: projects.map((project) => ({
      extends: true,
      test: {
        name: project.name,
        root: join(root, project.dir),
        include: [project.include],
        testTimeout: 30_000,
        hookTimeout: 120_000,
        isolate: false,
        maxWorkers: project.workers,
        sequence: { groupOrder: project.group },
      },
    })),
  },
});
