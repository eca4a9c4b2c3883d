import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { catalog, catalogProblems, type ServiceEntry } from '@ndf/catalog';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CATALOG_MARKER, generateService } from '../scripts/lib/generate-service.js';

const repoRoot = resolve(import.meta.dirname, '..');
let root: string;

beforeEach(() => {
  // A workspace of its own: the real template and the real catalog sources.
  root = mkdtempSync(join(tmpdir(), 'ndf-generator-'));
  cpSync(join(repoRoot, 'templates'), join(root, 'templates'), { recursive: true });
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
    const files = generateService({ root, name: 'vat-calculator', source: 'stream', description: 'Computes VAT lines.' });

    expect(files).toEqual(
      expect.arrayContaining([
        'services/vat-calculator/package.json',
        'services/vat-calculator/src/handler.ts',
        'services/vat-calculator/src/main.ts',
        'packages/catalog/src/services.ts',
      ]),
    );
    const packageJson = JSON.parse(readFileSync(join(root, 'services/vat-calculator/package.json'), 'utf8'));
    expect(packageJson.name).toBe('@ndf/vat-calculator');
    expect(packageJson.scripts).toMatchObject({
      build: expect.any(String),
      test: expect.stringContaining('--project vat-calculator'),
      typecheck: expect.any(String),
      lint: expect.any(String),
    });
    for (const file of files) expect(readFileSync(join(root, file), 'utf8')).not.toContain('__NAME__');

    const services = await generatedServices();
    expect(services.map((service) => service.name)).toEqual([...catalog.services.map((service) => service.name), 'vat-calculator']);
    expect(services.at(-1)?.consumes).toEqual({ kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT', 'MODIFY'] });
    expect(catalogProblems({ ...catalog, services })).toEqual([]);
    expect(readFileSync(join(root, 'packages/catalog/src/services.ts'), 'utf8')).toContain(CATALOG_MARKER);
  });

  it('adds a second service after the first', async () => {
    generateService({ root, name: 'example-reader', source: 's3', description: 'Reads text.' });
    generateService({ root, name: 'example-parser', source: 'stream', description: 'Finds fields.' });
    expect((await generatedServices()).slice(-2).map((service) => [service.name, service.consumes.kind])).toEqual([
      ['example-reader', 's3'],
      ['example-parser', 'stream'],
    ]);
  });

  it('refuses a bad name, a taken name and an existing folder, writing nothing', () => {
    expect(() => generateService({ root, name: 'Bad_Name', source: 'stream', description: '' })).toThrow('is not a kebab-case name');
    generateService({ root, name: 'mailer', source: 'queue', description: '' });
    rmSync(join(root, 'services', 'mailer'), { recursive: true });
    expect(() => generateService({ root, name: 'mailer', source: 'queue', description: '' })).toThrow(
      'already has a service named "mailer"',
    );
    mkdirSync(join(root, 'services', 'exporter'));
    expect(() => generateService({ root, name: 'exporter', source: 'queue', description: '' })).toThrow('services/exporter already exists');
    expect(existsSync(join(root, 'services', 'Bad_Name'))).toBe(false);
    const catalogSource = readFileSync(join(root, 'packages/catalog/src/services.ts'), 'utf8');
    expect(catalogSource.match(/name: 'mailer'/g)).toHaveLength(1);
    expect(catalogSource).not.toMatch(/name: '(exporter|Bad_Name)'/);
  });
});
