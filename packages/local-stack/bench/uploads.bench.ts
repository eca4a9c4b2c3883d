// `npm run bench -- uploads [--count N] [--concurrency C] [--client both|fetch|curl]`: presigned
// POST uploads of varied sizes (1 KB to 1 MiB) through the local S3 edge of a stack it starts, as
// the mobile app sends them: Node's fetch with FormData, and curl -F, C at once. Prints the count
// per client, failures by status (and the first answers of each), p50/p99 latency.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { bucketName, catalog } from '@ndf/catalog';
import { ephemeralConfig, startLocalStack } from '@ndf/local-stack';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '16' },
    client: { type: 'string', default: 'both' },
  },
});
const count = Number(values.count);
const concurrency = Number(values.concurrency);
const clients = values.client === 'both' ? (['fetch', 'curl'] as const) : ([values.client] as ('fetch' | 'curl')[]);
if (
  !Number.isInteger(count) ||
  count < 1 ||
  !Number.isInteger(concurrency) ||
  concurrency < 1 ||
  !clients.every((c) => c === 'fetch' || c === 'curl')
) {
  console.error('usage: npm run bench -- uploads [--count N] [--concurrency C] [--client both|fetch|curl]');
  process.exit(2);
}

type Client = 'fetch' | 'curl';
interface Outcome {
  readonly client: Client;
  readonly status: number;
  readonly body: string;
  readonly ms: number;
}

/** Sizes spread on a log scale from 1 KiB to 1 MiB, the same for every run. */
const SIZES = Array.from({ length: 24 }, (_, i) => Math.round(1024 * 1024 ** (i / 23)));

const edgeLog: string[] = [];
const stack = await startLocalStack(await ephemeralConfig('bench-uploads-'), {
  catalog,
  log: (line) => void (line.startsWith('S3 edge') && edgeLog.push(line.split('\n')[0]!)),
});
const workDir = await mkdtemp(join(tmpdir(), 'ndf-bench-uploads-'));
try {
  const files = await Promise.all(
    SIZES.map(async (size, index) => {
      const bytes = Buffer.alloc(size, index + 1);
      const path = join(workDir, `file-${index}.bin`);
      await writeFile(path, bytes);
      return { bytes, path };
    }),
  );
  const bucket = bucketName(stack.config.prefix, 'receipts');

  async function form(index: number) {
    return createPresignedPost(stack.clients.s3, {
      Bucket: bucket,
      Key: `tenants/bench/receipts/upload-${index}`,
      Conditions: [
        ['content-length-range', 0, 20 * 1024 * 1024],
        ['eq', '$Content-Type', 'application/octet-stream'],
      ],
      Fields: { 'Content-Type': 'application/octet-stream' },
      Expires: 900,
    });
  }

  async function byFetch(index: number): Promise<Omit<Outcome, 'ms' | 'client'>> {
    const { url, fields } = await form(index);
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', new Blob([files[index % files.length]!.bytes]), 'receipt.bin');
    try {
      const response = await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(60_000) });
      return { status: response.status, body: await response.text() };
    } catch (error) {
      return { status: 0, body: String((error as Error).cause ?? error) };
    }
  }

  async function byCurl(index: number): Promise<Omit<Outcome, 'ms' | 'client'>> {
    const { url, fields } = await form(index);
    const args = ['-sS', '--max-time', '60', '-o', '-', '-w', '\n%{http_code}'];
    for (const [name, value] of Object.entries(fields)) args.push('--form-string', `${name}=${value}`);
    args.push('-F', `file=@${files[index % files.length]!.path}`, url);
    return new Promise((resolve) => {
      execFile('curl', args, { maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
        const lines = stdout.split('\n');
        const status = Number(lines.pop());
        resolve({ status: Number.isFinite(status) ? status : 0, body: error ? `${stderr}${lines.join('\n')}` : lines.join('\n') });
      });
    });
  }

  const outcomes: Outcome[] = [];
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < count; index = next++) {
        const client = clients[index % clients.length]!;
        const begin = performance.now();
        const result = await (client === 'fetch' ? byFetch(index) : byCurl(index));
        outcomes.push({ client, ...result, ms: performance.now() - begin });
      }
    }),
  );
  const seconds = (performance.now() - startedAt) / 1000;

  const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
  console.log(`uploads: ${count} presigned POSTs, ${concurrency} at once, 1 KiB-1 MiB, in ${seconds.toFixed(1)} s`);
  for (const client of clients) {
    const mine = outcomes.filter((outcome) => outcome.client === client);
    const latencies = mine.map((outcome) => outcome.ms).sort((a, b) => a - b);
    const failures = mine.filter((outcome) => outcome.status !== 204);
    const byStatus = new Map<number, Outcome[]>();
    for (const failure of failures) byStatus.set(failure.status, [...(byStatus.get(failure.status) ?? []), failure]);
    console.log(
      `  ${client.padEnd(5)} ${mine.length} uploads, ${failures.length} failed` +
        `${failures.length ? ` (${[...byStatus].map(([status, list]) => `${status}: ${list.length}`).join(', ')})` : ''}` +
        `, p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`,
    );
    for (const [status, list] of byStatus) console.log(`    ${status}: ${list[0]!.body.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  if (edgeLog.length) console.log(`edge log (${edgeLog.length} lines):\n  ${edgeLog.slice(0, 5).join('\n  ')}`);
} finally {
  await stack.stop();
  await rm(workDir, { recursive: true, force: true });
}
