import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateService, type ServiceSourceKind } from './lib/generate-service.js';

const usage =
  'usage: npm run new:service -- <name> [--source stream|s3|queue|schedule] [--description "what it does"]\n' +
  '  (a queue service also needs a service whose catalog entry emits to it)';
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { source: { type: 'string', default: 'stream' }, description: { type: 'string' } },
});
const [name] = positionals;
const source = values.source as ServiceSourceKind;
if (!name || !['stream', 's3', 'queue', 'schedule'].includes(source)) {
  console.error(usage);
  process.exit(2);
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
try {
  const files = await generateService({ root, name, source, description: values.description ?? `The ${name} service.` });
  console.log(`✔ created services/${name} and its catalog entry:\n  ${files.join('\n  ')}`);
} catch (error) {
  console.error(`✖ ${(error as Error).message}`);
  process.exit(1);
}
// Links the new package into the workspace (its @ndf/* dependencies), with the project's pnpm.
// Not --offline: offline, pnpm rewrites the lockfile without the platform binaries of packages it has not cached (esbuild's).
const pnpmVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager: string }).packageManager.split(
  '@',
)[1];
const pnpm = join(root, '.tools', `pnpm-${pnpmVersion}`, 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
const install = existsSync(pnpm)
  ? spawnSync(process.execPath, [pnpm, 'install', '--prefer-offline'], { cwd: root, stdio: 'inherit' })
  : undefined;
if (!install || install.status !== 0) {
  console.log('✖ Linking it into the workspace failed: run `pnpm install`, then it is ready.');
  process.exit(1);
}
// The catalog as it now stands: what it still lacks (a queue service nothing feeds yet) is all that is left to do.
const { catalog, catalogProblems } = (await import(
  pathToFileURL(join(root, 'packages', 'catalog', 'src', 'index.ts')).href
)) as typeof import('@ndf/catalog');
const missing = catalogProblems(catalog);
if (missing.length > 0) {
  console.log(`✖ The catalog needs this before services/${name} can run (packages/catalog/src/services.ts):\n- ${missing.join('\n- ')}`);
  process.exit(1);
}
console.log(
  [
    `✔ services/${name} is ready as it is: it starts with \`npm start\`, consumes its queue, and passes its tests`,
    `  (pnpm --filter @ndf/${name} test). Nothing else needs editing; its job goes in src/handler.ts, and what it`,
    '  consumes, emits and touches in its entry in packages/catalog/src/services.ts (its queue, role and breakers follow).',
  ].join('\n'),
);
