import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// One project per workspace package that has tests, named after its folder, so that
// `vitest run --project <name>` (each package's `test` script) and the whole suite share
// this one configuration.
const workspaceDirs = ['packages', 'services']
  .flatMap((parent) => (existsSync(parent) ? readdirSync(parent).map((name) => join(parent, name)) : []))
  .concat(['cdk', 'test'])
  .filter((dir) => existsSync(join(dir, 'test')) || dir === 'test');

export default defineConfig({
  resolve: { conditions: ['development'] },
  ssr: { resolve: { conditions: ['development'] } },
  test: {
    reporters: ['default'],
    projects: workspaceDirs
      .filter((dir) => existsSync(join(dir, dir === 'test' ? '.' : 'test')))
      .map((dir) => ({
        extends: true,
        test: {
          name: dir.split('/').pop() === 'test' && dir === 'test' ? 'system' : dir.split('/').pop()!,
          root: dir,
          include: [dir === 'test' ? '**/*.test.ts' : 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      })),
  },
});
