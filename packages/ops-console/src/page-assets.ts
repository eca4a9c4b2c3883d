import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

export interface PageAsset {
  readonly contentType: string;
  readonly body: Buffer;
}

const here = dirname(fileURLToPath(import.meta.url));
// The page's sources sit beside this file in src/; a build (dist/) does not copy them, so it reads them from src/.
const pageDirectory = existsSync(join(here, 'page')) ? join(here, 'page') : join(here, '..', 'src', 'page');
const require = createRequire(import.meta.url);

/**
 * The page: its HTML and CSS as written, its script bundled by esbuild with uPlot (the pinned
 * version in node_modules, with its stylesheet) once, when the server starts. Nothing is
 * fetched from elsewhere, so the page works offline and under a strict content security policy.
 */
export async function buildPageAssets(): Promise<ReadonlyMap<string, PageAsset>> {
  const bundle = await build({
    entryPoints: [join(pageDirectory, 'main.ts')],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    // Run from its sources, the workspace's packages the page imports (@ndf/alerting) are read from theirs too.
    ...(basename(here) === 'src' ? { conditions: ['development'] } : {}),
  });
  const uplotCss = join(dirname(require.resolve('uplot')), 'uPlot.min.css');
  const [html, css, chartCss] = await Promise.all([
    readFile(join(pageDirectory, 'index.html')),
    readFile(join(pageDirectory, 'console.css')),
    readFile(uplotCss),
  ]);
  return new Map<string, PageAsset>([
    ['/', { contentType: 'text/html; charset=utf-8', body: html }],
    ['/console.js', { contentType: 'text/javascript; charset=utf-8', body: Buffer.from(bundle.outputFiles[0]!.contents) }],
    ['/console.css', { contentType: 'text/css; charset=utf-8', body: css }],
    ['/uplot.css', { contentType: 'text/css; charset=utf-8', body: chartCss }],
  ]);
}
