// `pnpm bench cdk-synth`: how long the CDK app takes to synthesize, each row against the
// platform's bare synth (no cdk-nag, no bundling) measured in the same process, after a
// warm-up that loads the library's modules. Rows: with cdk-nag (as the tests synthesize it),
// with Lambda bundling by esbuild too (as `pnpm cdk synth` does), with 50 more services; and
// the floor of the CDK library itself (one stack, one queue) for scale.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { catalog, type Catalog, type ServiceEntry } from '@ndf/catalog';
import { deploymentConfig } from '../src/config.js';
import { PLATFORM_CONTEXT, buildPlatform } from '../src/platform.js';

const { values } = parseArgs({ options: { services: { type: 'string', default: '50' } } });
const extra = Number(values.services);
const config = deploymentConfig((key) => ({ stage: 'bench', account: '123456789012', alarmEmails: 'oncall@example.com' })[key]);

function synthesize(build: (app: App) => void, { bundle }: { bundle: boolean }): { seconds: number; resources: number; stacks: number } {
  const outdir = mkdtempSync(join(tmpdir(), 'ndf-synth-bench-'));
  const started = performance.now();
  const app = new App({ outdir, context: { ...PLATFORM_CONTEXT, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) } });
  build(app);
  const assembly = app.synth();
  const seconds = (performance.now() - started) / 1000;
  const resources = assembly.stacks.reduce(
    (sum, stack) => sum + Object.keys((stack.template as { Resources?: object }).Resources ?? {}).length,
    0,
  );
  rmSync(outdir, { recursive: true, force: true });
  return { seconds, resources, stacks: assembly.stacks.length };
}

/** The faster of `runs` synths: a single one on a shared machine is at the mercy of a neighbour or a GC. */
function fastest(runs: number, build: (app: App) => void, options: { bundle: boolean }): ReturnType<typeof synthesize> {
  const results = Array.from({ length: runs }, () => synthesize(build, options));
  return results.reduce((best, result) => (result.seconds < best.seconds ? result : best));
}

const floor = (app: App) => new sqs.Queue(new Stack(app, 'Floor', { env: { region: config.region, account: config.account } }), 'Queue');
const generated = (count: number): ServiceEntry[] =>
  Array.from({ length: count }, (_, index) => ({
    name: `generated-service-${index + 1}`,
    description: 'A generated service',
    critical: false,
    consumes: { kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT', 'MODIFY'] },
    emits: [{ kind: 'table', table: 'notes' }],
    limits: { deadlineMs: 10_000, concurrency: 8, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
  }));
const grown: Catalog = { ...catalog, services: [...catalog.services, ...generated(extra)] };

synthesize((app) => buildPlatform(app, catalog, config), { bundle: false }); // warm-up: loads the library's modules
const rows: [string, ReturnType<typeof synthesize>][] = [
  [
    `(a) platform, ${catalog.services.length} services, no cdk-nag (baseline)`,
    fastest(3, (app) => buildPlatform(app, catalog, config, { nag: false }), { bundle: false }),
  ],
  ['(b) as (a), with cdk-nag (as the tests)', fastest(3, (app) => buildPlatform(app, catalog, config), { bundle: false })],
  [
    '(c) as (b), with Lambda bundling by esbuild (as pnpm cdk synth)',
    fastest(3, (app) => buildPlatform(app, catalog, config), { bundle: true }),
  ],
  [`(d) as (b), ${grown.services.length} services`, synthesize((app) => buildPlatform(app, grown, config), { bundle: false })],
  ['floor of the CDK library: one stack, one queue', fastest(3, floor, { bundle: false })],
];

const base = rows[0]![1].seconds;
console.log(
  `\ncdk synth, fastest of 3 but (d) (one run), in one process (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})\n`,
);
console.log('| run | stacks | resources | seconds | × (a) |');
console.log('|---|---|---|---|---|');
for (const [name, row] of rows)
  console.log(`| ${name} | ${row.stacks} | ${row.resources} | ${row.seconds.toFixed(2)} | ${(row.seconds / base).toFixed(1)} |`);
console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
