import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, stop, type Loader, type Plugin } from 'esbuild';
import type { ProcessSpec } from '../supervisor/supervisor.js';
import type { HostedUnit } from '../supervisor/host-protocol.js';

// Why bundles: a process started through the tsx loader costs about 40 MB more than the same
// code prebuilt (the loader, its esbuild helper process, the transformed sources), and
// transforms every source file again at each start. esbuild (already the workspace's Lambda
// bundler) builds every process's entry once, in one pass, before the platform starts.

const LOADERS: Record<string, Loader> = { '.ts': 'ts', '.mts': 'ts', '.tsx': 'tsx', '.js': 'js', '.mjs': 'js' };

/**
 * The workspace's own code is bundled; installed packages stay where pnpm put them and are
 * imported from there (native addons, worker scripts and data files keep working), and a source
 * file's `import.meta.url` stays its own, for the code that finds files beside it.
 */
const workspaceOnly: Plugin = {
  name: 'workspace-only',
  setup(context) {
    context.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'resolving' || isBuiltin(args.path) || args.path.startsWith('@ndf/')) return undefined;
      const found = await context.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'resolving',
      });
      return found.errors.length > 0 ? { errors: found.errors } : { path: found.path, external: true };
    });
    context.onLoad({ filter: /\.[cm]?[jt]sx?$/ }, async (args) => {
      if (args.path.includes(`${join('/', 'node_modules', '/')}`)) return undefined;
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.url')) return undefined;
      const loader = LOADERS[extname(args.path)] ?? 'ts';
      return { contents: source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader };
    });
  },
};

function commonDirectory(files: readonly string[]): string {
  const parts = files.map((file) => dirname(file).split(sep));
  const first = parts[0] ?? [];
  let length = 0;
  while (length < first.length && parts.every((other) => other[length] === first[length])) length += 1;
  return first.slice(0, length).join(sep) || sep;
}

/** The TypeScript entry a spec runs through tsx (see nodeTypeScript), if it does. */
function typeScriptEntry(spec: ProcessSpec): string | undefined {
  const [conditions, flag, loader, entry] = spec.args;
  return conditions === '--conditions=development' && flag === '--import' && loader === 'tsx' && spec.args.length === 4 ? entry : undefined;
}

export interface BundledProcesses {
  readonly specs: ProcessSpec[];
  /** Where the bundles are; removed by `remove`. */
  readonly dir: string;
  remove(): Promise<void>;
}

/**
 * The same processes, run from prebuilt bundles with plain Node: every entry a spec runs
 * through tsx and every hosted unit's module, built in one pass with the code they share split
 * into common chunks (a host loads each shared module once).
 */
export async function bundleProcesses(specs: readonly ProcessSpec[], cacheDir: string): Promise<BundledProcesses> {
  await mkdir(cacheDir, { recursive: true });
  const dir = await mkdtemp(join(cacheDir, 'bundle-'));
  const entries = new Set<string>();
  for (const spec of specs) {
    const entry = typeScriptEntry(spec);
    if (entry) entries.add(resolve(entry));
    for (const unit of spec.units ?? []) entries.add(resolve(unit.module));
  }
  const result = await build({
    entryPoints: [...entries],
    outdir: dir,
    outbase: commonDirectory([...entries]),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    conditions: ['development'],
    outExtension: { '.js': '.mjs' },
    keepNames: true,
    // Bundled CommonJS-style code (a `require` of a built-in) needs a require in ES modules.
    banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
    plugins: [workspaceOnly],
    metafile: true,
    logLevel: 'error',
  });
  // esbuild keeps its helper process for the next build: there is none, give its memory back.
  await stop();
  const outputOf = new Map<string, string>();
  for (const [output, { entryPoint }] of Object.entries(result.metafile.outputs)) {
    if (entryPoint) outputOf.set(resolve(entryPoint.replace(/^.*?:/, '')), resolve(output));
  }
  const bundled = (entry: string): string => {
    const output = outputOf.get(resolve(entry));
    if (!output) throw new Error(`esbuild produced no bundle for ${entry}.`);
    return output;
  };
  return {
    dir,
    specs: specs.map((spec) => {
      const entry = typeScriptEntry(spec);
      const units = spec.units?.map((unit): HostedUnit => ({ ...unit, module: bundled(unit.module) }));
      return { ...spec, ...(entry ? { args: [bundled(entry)] } : {}), ...(units ? { units } : {}) };
    }),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
