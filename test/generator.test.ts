import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalog, catalogProblems, type Catalog, type ServiceEntry } from '@ndf/catalog';
import { ephemeralConfig, startLocalStack, waitUntil } from '@ndf/local-stack';
import { awsJson, awsJsonTarget, startServiceProcess } from '@ndf/testkit';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG_MARKER, generateService } from '../scripts/lib/generate-service.js';

const repoRoot = resolve(import.meta.dirname, '..');
let root: string;

beforeEach(() => {
  // A workspace of its own: the real template and the real catalog sources.
  root = mkdtempSync(join(tmpdir(), 'ndf-generator-'));
  cpSync(join(repoRoot, 'templates'), join(root, 'templates'), { recursive: true });
  cpSync(join(repoRoot, '.prettierrc.json'), join(root, '.prettierrc.json'));
  cpSync(join(repoRoot, 'packages', 'catalog', 'src'), join(root, 'packages', 'catalog', 'src'), { recursive: true });
  mkdirSync(join(root, 'services'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

async function generatedServices(): Promise<readonly ServiceEntry[]> {
  const module = (await import(`${pathToFileURL(join(root, 'packages', 'catalog', 'src', 'services.ts')).href}?t=${Date.now()}`)) as {
    services: readonly ServiceEntry[];
  };
  return module.services;
}

describe('pnpm new:service', () => {
  it('creates the service from the template and adds one sound catalog entry', async () => {
    const files = await generateService({ root, name: 'sample-generated', source: 'stream', description: 'Does a sample job.' });

    expect(files).toEqual(
      expect.arrayContaining([
        'services/sample-generated/package.json',
        'services/sample-generated/src/handler.ts',
        'services/sample-generated/src/main.ts',
        'services/sample-generated/src/service.ts',
        'services/sample-generated/test/service.test.ts',
        'services/sample-generated/README.md',
        'packages/catalog/src/services.ts',
      ]),
    );
    const packageJson = JSON.parse(readFileSync(join(root, 'services/sample-generated/package.json'), 'utf8'));
    expect(packageJson.name).toBe('@ndf/sample-generated');
    expect(packageJson.scripts).toMatchObject({
      build: expect.any(String),
      test: expect.stringContaining('--project sample-generated'),
      typecheck: expect.any(String),
      lint: expect.any(String),
    });
    for (const file of files) expect(readFileSync(join(root, file), 'utf8')).not.toContain('__NAME__');

    const services = await generatedServices();
    expect(services.map((service) => service.name)).toEqual([...catalog.services.map((service) => service.name), 'sample-generated']);
    expect(services.at(-1)?.consumes).toEqual({ kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT', 'MODIFY'] });
    expect(catalogProblems({ ...catalog, services })).toEqual([]);
    expect(readFileSync(join(root, 'packages/catalog/src/services.ts'), 'utf8')).toContain(CATALOG_MARKER);
  });

  it('adds a second service after the first', async () => {
    await generateService({ root, name: 'example-reader', source: 's3', description: 'Reads text.' });
    await generateService({ root, name: 'example-parser', source: 'stream', description: 'Finds fields.' });
    expect((await generatedServices()).slice(-2).map((service) => [service.name, service.consumes.kind])).toEqual([
      ['example-reader', 's3'],
      ['example-parser', 'stream'],
    ]);
  });

  it('refuses a bad name, a taken name and an existing folder, writing nothing', async () => {
    await expect(generateService({ root, name: 'Bad_Name', source: 'stream', description: '' })).rejects.toThrow(
      'is not a kebab-case name',
    );
    await generateService({ root, name: 'mailer', source: 'queue', description: '' });
    rmSync(join(root, 'services', 'mailer'), { recursive: true });
    await expect(generateService({ root, name: 'mailer', source: 'queue', description: '' })).rejects.toThrow(
      'already has a service named "mailer"',
    );
    mkdirSync(join(root, 'services', 'exporter'));
    await expect(generateService({ root, name: 'exporter', source: 'queue', description: '' })).rejects.toThrow(
      'services/exporter already exists',
    );
    expect(existsSync(join(root, 'services', 'Bad_Name'))).toBe(false);
    const catalogSource = readFileSync(join(root, 'packages/catalog/src/services.ts'), 'utf8');
    expect(catalogSource.match(/name: 'mailer'/g)).toHaveLength(1);
    expect(catalogSource).not.toMatch(/name: '(exporter|Bad_Name)'/);
  });
});

/**
 * A copy of the workspace's sources (packages, services, templates, scripts, root configuration)
 * that shares the installed third-party packages and DynamoDB Local with this one, so that a
 * service generated there is checked and run as it would be here, without touching this tree.
 */
function scratchWorkspace(): string {
  const scratch = mkdtempSync(join(tmpdir(), 'ndf-generated-'));
  const skippedAtRoot = new Set(['node_modules', '.git', '.tools', '.data', 'cdk', 'test', 'coverage']);
  cpSync(repoRoot, scratch, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (source) => {
      const parts = relative(repoRoot, source).split(sep);
      return !skippedAtRoot.has(parts[0]!) && !parts.includes('dist') && !parts.includes('cdk.out');
    },
  });
  symlinkSync(join(repoRoot, '.tools'), join(scratch, '.tools'));
  // Third-party packages from the installed tree; the workspace's own from the copy.
  mkdirSync(join(scratch, 'node_modules', '@ndf'), { recursive: true });
  for (const entry of readdirSync(join(repoRoot, 'node_modules')))
    if (entry !== '@ndf') symlinkSync(join(repoRoot, 'node_modules', entry), join(scratch, 'node_modules', entry));
  for (const parent of ['packages', 'services']) {
    for (const dir of readdirSync(join(scratch, parent))) {
      const { name } = JSON.parse(readFileSync(join(scratch, parent, dir, 'package.json'), 'utf8')) as { name: string };
      symlinkSync(join(scratch, parent, dir), join(scratch, 'node_modules', name));
    }
  }
  return scratch;
}

/** Runs a tool of the workspace (its JavaScript entry) in `cwd`; returns its status and output. */
function run(cwd: string, script: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(repoRoot, 'node_modules', script), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 240_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('a generated service', () => {
  it('is formatted, typechecks, passes lint and its own tests, and runs from its main.ts, consuming its queue, with no file edited by hand', async () => {
    const scratch = scratchWorkspace();
    try {
      await generateService({
        root: scratch,
        name: 'sample-generated',
        source: 'stream',
        description: 'Computes the VAT lines of a note.',
      });

      const checks = {
        format: run(scratch, 'prettier/bin/prettier.cjs', ['--check', 'services/sample-generated', 'packages/catalog/src/services.ts']),
        typecheck: run(scratch, 'typescript/bin/tsc', ['-p', 'tsconfig.json']),
        lint: run(scratch, 'eslint/bin/eslint.js', ['--max-warnings=0', 'services/sample-generated']),
        tests: run(scratch, 'vitest/vitest.mjs', ['run', '--project', 'sample-generated']),
      };
      for (const [name, { status, output }] of Object.entries(checks)) expect(status, `${name}:\n${output}`).toBe(0);
      expect(checks.tests.output).toMatch(/Tests\s+2 passed/);

      // Its main.ts, as `npm start` runs it, on a stack provisioned from the scratch catalog.
      const { catalog: generated } = (await import(pathToFileURL(join(scratch, 'packages/catalog/src/index.ts')).href)) as {
        catalog: Catalog;
      };
      const stack = await startLocalStack(await ephemeralConfig('gen-'), { catalog: generated });
      try {
        const service = await startServiceProcess({
          entry: join(scratch, 'services/sample-generated/src/main.ts'),
          env: { ...stack.environment(), LOG_LEVEL: 'info' },
        });
        try {
          await awsJson(awsJsonTarget(stack.environment(), 'sqs'), 'AmazonSQS.SendMessage', {
            QueueUrl: stack.provisioned.queues.get('sample-generated')!.queue.url,
            MessageBody: '{"noteId":"n-1"}',
          });
          await waitUntil(
            'the message consumed',
            async () => {
              const { counters } = (await (await fetch(`${service.metricsUrl}/metrics`)).json()) as { counters: Record<string, number> };
              return counters.succeeded === 1;
            },
            30_000,
          );
          await service.stop();
          expect((await service.exited).code).toBe(0);
        } finally {
          await service.kill();
        }
      } finally {
        await stack.stop();
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }, 600_000);
});
