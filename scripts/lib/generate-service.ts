import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// The workspace's own formatter, so that what is generated passes `prettier --check` as it is.
import { format, resolveConfig } from 'prettier';

export type ServiceSourceKind = 'stream' | 's3' | 'queue' | 'schedule';

export interface GenerateOptions {
  /** The workspace root: holds templates/service, services/ and packages/catalog. */
  readonly root: string;
  readonly name: string;
  readonly source: ServiceSourceKind;
  readonly description: string;
}

export const CATALOG_MARKER = '  // new services are added above this line by `pnpm new:service`';
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

const SOURCES: Record<ServiceSourceKind, string> = {
  stream: "{ kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT', 'MODIFY'] }",
  s3: "{ kind: 's3', bucket: 'receipts', prefix: 'tenants/' }",
  queue: "{ kind: 'queue' }",
  schedule: "{ kind: 'schedule', everySeconds: 60, localEverySeconds: 10 }",
};

/** The catalog entry of a new service, with the platform's default limits and alarms. */
export function catalogEntry(options: Pick<GenerateOptions, 'name' | 'source' | 'description'>): string {
  return [
    '  {',
    `    name: '${options.name}',`,
    `    description: ${JSON.stringify(options.description)},`,
    '    critical: false,',
    `    consumes: ${SOURCES[options.source]},`,
    '    emits: [],',
    '    limits: { deadlineMs: 10_000, concurrency: 32, maxAttempts: 5 },',
    '    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },',
    '    scaling: { maxTasks: 10, scaleToZero: false },',
    '  },',
  ].join('\n');
}

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Creates services/<name> from the template and adds its entry to the catalog, formatted. Returns the files written. */
export async function generateService(options: GenerateOptions): Promise<string[]> {
  const { root, name } = options;
  if (!KEBAB.test(name)) throw new Error(`"${name}" is not a kebab-case name (like vat-calculator).`);
  if (name.length > 60) throw new Error(`"${name}" is longer than 60 characters.`);
  const target = join(root, 'services', name);
  if (existsSync(target)) throw new Error(`services/${name} already exists.`);
  const catalogFile = join(root, 'packages', 'catalog', 'src', 'services.ts');
  const catalogSource = readFileSync(catalogFile, 'utf8');
  if (catalogSource.includes(`name: '${name}',`)) throw new Error(`The catalog already has a service named "${name}".`);
  if (!catalogSource.includes(CATALOG_MARKER))
    throw new Error(`${relative(root, catalogFile)} lost its marker line; add back:\n${CATALOG_MARKER}`);

  cpSync(join(root, 'templates', 'service'), target, { recursive: true });
  const written = listFiles(target);
  const substitute = (text: string) => text.replaceAll('__NAME__', name).replaceAll('__DESCRIPTION__', options.description);
  const writeFormatted = async (file: string, text: string) =>
    writeFileSync(file, await format(text, { ...(await resolveConfig(file)), filepath: file }));
  for (const file of written) {
    const text = readFileSync(file, 'utf8');
    // JSON strings get the description escaped; Markdown is left as written (prettier ignores it here).
    if (file.endsWith('.json'))
      writeFileSync(file, text.replaceAll('__NAME__', name).replaceAll('"__DESCRIPTION__"', JSON.stringify(options.description)));
    else if (file.endsWith('.ts')) await writeFormatted(file, substitute(text));
    else writeFileSync(file, substitute(text));
  }
  await writeFormatted(catalogFile, catalogSource.replace(CATALOG_MARKER, `${catalogEntry(options)}\n${CATALOG_MARKER}`));
  return [...written, catalogFile].map((file) => relative(root, file));
}
