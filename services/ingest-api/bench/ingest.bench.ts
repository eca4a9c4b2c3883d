// `pnpm bench ingest [--notes N]`: POST /v1/notes through the API Gateway stand-in against the
// ceiling of the same DynamoDB Local (raw conditional PutItem), 32 concurrent clients each,
// N notes with unique keys then N/4 replays; plus the cold import time of the handler module.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { newNoteItem } from '../src/data/note-items.js';
import { marshall } from '@aws-sdk/util-dynamodb';
import { build } from 'esbuild';
import { catalog } from '@ndf/catalog';
import { noteIdFor, ownerListing, tenantScope, type NoteInput } from '@ndf/contracts';
import { ephemeralConfig, freePort, startLocalStack, waitUntil } from '@ndf/local-stack';
import { ingestClients } from '../src/aws-clients.js';
import { ingestConfig } from '../src/config.js';
import { httpClient, percentile, runConcurrently, table } from './load.js';

const { values } = parseArgs({ options: { notes: { type: 'string', default: '20000' } }, allowPositionals: false });
const notes = Number(values.notes);
if (!Number.isInteger(notes) || notes < 100) {
  console.error('usage: pnpm bench ingest [--notes N]   (N >= 100, default 20000)');
  process.exit(2);
}
const replays = Math.floor(notes / 4);
const CONCURRENCY = 32;
const WARM_UP = Math.min(1_000, Math.floor(notes / 10));
const handlerModule = fileURLToPath(new URL('../src/handler.ts', import.meta.url));
const localEntry = fileURLToPath(new URL('../local/serve.ts', import.meta.url));

interface Row {
  readonly label: string;
  readonly count: number;
  readonly seconds: number;
  readonly latencies: number[];
  readonly fiveHundreds: number;
  readonly otherFailures: number;
  readonly duplicates: number | undefined;
}

const ms = (value: number) => value.toFixed(1);

/**
 * Import time of the handler module in fresh processes: the Lambda init phase (clients,
 * compiled validators). From the sources through tsx, and from an esbuild bundle as a Lambda
 * deployment would ship it (ESM, split so that the S3 modules load only when first used).
 */
async function importTimes(env: Record<string, string>, runs: number, bundled: boolean): Promise<number[]> {
  let module = handlerModule;
  let loader: string[] = ['--conditions=development', '--import', 'tsx'];
  if (bundled) {
    const outdir = mkdtempSync(join(tmpdir(), 'ingest-bundle-'));
    await build({
      entryPoints: [handlerModule],
      bundle: true,
      splitting: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      conditions: ['development'],
      outdir,
      outExtension: { '.js': '.mjs' },
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      logLevel: 'error',
    });
    module = join(outdir, 'handler.mjs');
    loader = [];
  }
  const script = `const t=performance.now();await import(${JSON.stringify(module)});console.log(performance.now()-t);`;
  return Array.from({ length: runs }, () => {
    const result = spawnSync(process.execPath, [...loader, '--input-type=module', '-e', script], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`importing the handler failed: ${result.stderr}`);
    return Number(result.stdout.trim().split('\n').at(-1));
  });
}

const stack = await startLocalStack(await ephemeralConfig('bench-ingest-'), { catalog: { ...catalog, services: [] } });
const env = stack.environment();
const config = ingestConfig(env);
const clients = ingestClients(env);
const port = await freePort();
const api = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', localEntry], {
  env: { ...process.env, ...env, PORT: String(port) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const endpoint = `http://127.0.0.1:${port}`;

try {
  const imports = await importTimes(env, 3, false);
  const bundledImports = await importTimes(env, 3, true);
  await waitUntil('the ingest API', async () => (await fetch(`${endpoint}/v1/health`)).ok, 30_000, 100);
  const token = await stack.issuer.mint({ tenant: 'bench', user: 'bench-user', roles: ['employee'] });
  const scope = tenantScope({ tenant: 'bench', user: 'bench-user', roles: ['employee'] });
  const noteFor = (index: number): NoteInput => ({
    date: `2024-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
    amount: { value: `${(index % 500) + 1}.${String(index % 100).padStart(2, '0')}`, currency: 'EUR' },
    merchant: `Merchant ${index % 97}`,
    category: 'meals',
    paymentMethod: 'personal_card',
  });
  console.log(
    `node ${process.version}, DynamoDB Local in memory at ${stack.endpoints.dynamodb}, ${CONCURRENCY} concurrent clients, ${notes} notes then ${replays} replays (warm-up ${WARM_UP} each, unreported)`,
  );
  console.log('(a) ceiling: conditional PutItem of a note-shaped item, same SDK client settings as the handler');
  console.log(
    `(b) POST /v1/notes over keep-alive HTTP to the local entry point (services/ingest-api/local/serve.ts, its own process): gateway stand-in, JWT authorizer, handler\n`,
  );

  // (a) The ceiling: what DynamoDB Local takes from this process with the handler's own write.
  const putNote = (prefix: string) => (index: number) => {
    const noteId = noteIdFor(scope, `${prefix}-${index}`);
    const input = noteFor(index);
    // The handler's own item, in its own listing partition so that the API's listings stay apart.
    const item = {
      ...newNoteItem(scope, noteId, input, 'x'.repeat(64), { now: new Date(), correlationId: 'bench-ceiling' }),
      gsi1pk: ownerListing(tenantScope({ tenant: 'bench', user: 'ceiling', roles: [] })),
    };
    return clients.dynamodb
      .send(new PutItemCommand({ TableName: config.tableName, Item: marshall(item), ConditionExpression: 'attribute_not_exists(pk)' }))
      .then(
        () => true,
        (error: unknown) => {
          // A first attempt that timed out after DynamoDB wrote makes the SDK's retry fail its condition: the write happened.
          const shape = error as { name?: string; $metadata?: { attempts?: number } };
          return shape.name === 'ConditionalCheckFailedException' && (shape.$metadata?.attempts ?? 1) > 1;
        },
      );
  };
  await runConcurrently(WARM_UP, CONCURRENCY, putNote('ceiling-warm'));
  const ceiling = await runConcurrently(notes, CONCURRENCY, putNote('ceiling'));
  const ceilingFailures = ceiling.results.filter((ok) => !ok).length;
  const rows: Row[] = [
    {
      label: '(a) raw conditional PutItem',
      count: notes,
      seconds: ceiling.seconds,
      latencies: ceiling.latencies,
      fiveHundreds: 0,
      otherFailures: ceilingFailures,
      duplicates: undefined,
    },
  ];

  // (b) The API: unique keys, then replays of the first ones with the same bodies.
  const http = httpClient(endpoint, CONCURRENCY);
  const headers = (key: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key });
  const keys = Array.from({ length: notes }, () => randomUUID());
  const post = (key: string, index: number) => http.post('/v1/notes', headers(key), JSON.stringify(noteFor(index)));
  await runConcurrently(WARM_UP, CONCURRENCY, (index) => post(randomUUID(), index));
  const created = await runConcurrently(notes, CONCURRENCY, (index) => post(keys[index]!, index));
  const replayed = await runConcurrently(replays, CONCURRENCY, (index) => post(keys[index]!, index));
  http.destroy();

  const idOf = (body: string) => (JSON.parse(body) as { id?: string }).id;
  // A 200 for a new key means the handler's first write attempt timed out after landing and its retry found it: still one note.
  const createdIds = created.results.map((sample) => (sample.status === 201 || sample.status === 200 ? idOf(sample.body) : undefined));
  const replayMismatches = replayed.results.filter(
    (sample, index) => sample.status !== 200 || idOf(sample.body) !== createdIds[index],
  ).length;
  // Duplicates: notes in the table beyond one per key (the listing index of the bench user holds every note the API wrote).
  let stored = 0;
  let startKey: Record<string, never> | undefined;
  do {
    // The stack's own client: counting pages of a large index may outlast the handler's short timeouts.
    const page = await stack.clients.dynamodb.send(
      new QueryCommand({
        TableName: config.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :owner',
        ExpressionAttributeValues: marshall({ ':owner': ownerListing(scope) }),
        Select: 'COUNT',
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    stored += page.Count ?? 0;
    startKey = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (startKey);
  const distinct = new Set(createdIds.filter(Boolean)).size;
  const count = (samples: { status: number }[], test: (status: number) => boolean) =>
    samples.filter((sample) => test(sample.status)).length;
  rows.push({
    label: '(b) POST /v1/notes, new keys',
    count: notes,
    seconds: created.seconds,
    latencies: created.results.map((sample) => sample.ms),
    fiveHundreds: count(created.results, (status) => status >= 500),
    otherFailures: count(created.results, (status) => status !== 201 && status !== 200 && status < 500),
    duplicates: stored - WARM_UP - distinct,
  });
  rows.push({
    label: '(b) POST /v1/notes, replays',
    count: replays,
    seconds: replayed.seconds,
    latencies: replayed.results.map((sample) => sample.ms),
    fiveHundreds: count(replayed.results, (status) => status >= 500),
    otherFailures: replayMismatches - count(replayed.results, (status) => status >= 500),
    duplicates: undefined,
  });

  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  console.log(
    table([
      ['run', 'requests', 'notes/s', 'p50 ms', 'p99 ms', 'ratio', '5xx', 'other failures', 'duplicates'],
      ...rows.map((row) => [
        row.label,
        String(row.count),
        (row.count / row.seconds).toFixed(0),
        ms(percentile(sorted(row.latencies), 50)),
        ms(percentile(sorted(row.latencies), 99)),
        (row.count / row.seconds / (rows[0]!.count / rows[0]!.seconds)).toFixed(2),
        String(row.fiveHundreds),
        String(row.otherFailures),
        row.duplicates === undefined ? '-' : String(row.duplicates),
      ]),
    ]),
  );
  const ratio = notes / created.seconds / (notes / ceiling.seconds);
  const p99 = percentile(sorted(rows[1]!.latencies), 99);
  console.log(`\nratio (b) new keys / (a): ${ratio.toFixed(2)} (target >= 0.7) ${ratio >= 0.7 ? 'MET' : 'MISSED'}`);
  console.log(`p99 (b) new keys: ${ms(p99)} ms (target <= 50 ms) ${p99 <= 50 ? 'MET' : 'MISSED'}`);
  const added = (p: number) => percentile(sorted(rows[1]!.latencies), p) - percentile(sorted(rows[0]!.latencies), p);
  console.log(`latency the API adds over the raw PutItem (same concurrency): p50 ${ms(added(50))} ms, p99 ${ms(added(99))} ms`);
  console.log(
    `notes stored for the bench user: ${stored - WARM_UP} for ${distinct} distinct ids; replays answering another note or status: ${replayMismatches}`,
  );
  console.log(
    `handler module import in a fresh process (clients and compiled validators included): ${bundledImports.map(ms).join(' / ')} ms bundled by esbuild as for Lambda, ${imports.map(ms).join(' / ')} ms from the sources through tsx`,
  );
} finally {
  api.kill('SIGTERM');
  clients.destroy();
  await stack.stop();
  setTimeout(() => process.exit(process.exitCode ?? 0), 3_000).unref();
}
