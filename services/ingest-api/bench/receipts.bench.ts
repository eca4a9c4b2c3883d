// `pnpm bench ingest-receipts [--requests N] [--concurrency C]`: POST /v1/receipts through the
// local entry point (gateway stand-in, JWT authorizer, handler in its own process) against an
// in-memory DynamoDB Local; half the requests name a note (10 receipts per note, the limit), half
// none. Prints how many answers each status got, the 5xx by problem code and whether each 503
// carried Retry-After. With --lose-answers P, a fault proxy in front of DynamoDB loses the answer
// of that share of its calls after DynamoDB acted on them (as a timeout after the write does), so
// that the SDK retries writes that landed.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { catalog } from '@ndf/catalog';
import { MAX_RECEIPTS_PER_NOTE } from '@ndf/contracts';
import { ephemeralConfig, freePort, startLocalStack, waitUntil } from '@ndf/local-stack';
import { startFaultProxy } from '@ndf/testkit';
import { httpClient, percentile, runConcurrently } from './load.js';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    'lose-answers': { type: 'string', default: '0' },
  },
  allowPositionals: false,
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const loseAnswers = Number(values['lose-answers']);
if (
  !Number.isInteger(requests) ||
  requests < 20 ||
  !Number.isInteger(concurrency) ||
  concurrency < 1 ||
  !(loseAnswers >= 0 && loseAnswers < 1)
) {
  console.error('usage: pnpm bench ingest-receipts [--requests N (>= 20)] [--concurrency C] [--lose-answers P (0 <= P < 1)]');
  process.exit(2);
}
const localEntry = fileURLToPath(new URL('../local/serve.ts', import.meta.url));

const stack = await startLocalStack(await ephemeralConfig('bench-receipts-'), { catalog: { ...catalog, services: [] } });
const proxy = await startFaultProxy({ target: stack.endpoints.dynamodb, protocol: 'dynamodb' });
const port = await freePort();
const api = spawn(process.execPath, ['--conditions=development', '--import', 'tsx', localEntry], {
  env: { ...process.env, ...stack.environment(), AWS_ENDPOINT_URL_DYNAMODB: proxy.endpoint, PORT: String(port) },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const endpoint = `http://127.0.0.1:${port}`;

try {
  await waitUntil('the ingest API', async () => (await fetch(`${endpoint}/v1/health`)).ok, 30_000, 100);
  const token = await stack.issuer.mint({ tenant: 'bench', user: 'bench-user', roles: ['employee'] });
  const http = httpClient(endpoint, concurrency);
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const withNote = Math.floor(requests / 2);
  const noteIds: string[] = [];
  for (let index = 0; index < Math.ceil(withNote / MAX_RECEIPTS_PER_NOTE); index += 1) {
    const created = await http.post(
      '/v1/notes',
      { ...headers, 'idempotency-key': randomUUID() },
      JSON.stringify({ date: '2024-03-12', amount: { value: '12.00', currency: 'EUR' }, category: 'meals' }),
    );
    if (created.status !== 201) throw new Error(`creating a note answered ${created.status}: ${created.body}`);
    noteIds.push((JSON.parse(created.body) as { id: string }).id);
  }
  const body = (index: number) =>
    JSON.stringify({
      fileName: `ticket-${index}.jpg`,
      contentType: 'image/jpeg',
      size: 1000 + index,
      ...(index % 2 === 0 && index / 2 < withNote ? { noteId: noteIds[Math.floor(index / 2 / MAX_RECEIPTS_PER_NOTE)] } : {}),
    });
  proxy.setFault({ mode: 'lose-answer', probability: loseAnswers });
  const run = await runConcurrently(requests, concurrency, (index) => http.post('/v1/receipts', headers, body(index)));
  proxy.setFault({ mode: 'pass' });
  http.destroy();

  const byStatus = new Map<string, number>();
  let withoutRetryAfter = 0;
  for (const sample of run.results) {
    const code = sample.status >= 400 ? ` ${(JSON.parse(sample.body || '{}') as { code?: string }).code ?? '?'}` : '';
    byStatus.set(`${sample.status}${code}`, (byStatus.get(`${sample.status}${code}`) ?? 0) + 1);
    if (sample.status === 503 && !sample.retryAfter) withoutRetryAfter += 1;
  }
  const latencies = run.results.map((sample) => sample.ms).sort((a, b) => a - b);
  console.log(
    `node ${process.version}, POST /v1/receipts x ${requests}, ${concurrency} at once (${withNote} naming one of ${noteIds.length} notes), answers lost: ${loseAnswers}, ${(requests / run.seconds).toFixed(0)}/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
  for (const [status, count] of [...byStatus].sort()) console.log(`  ${status}: ${count}`);
  console.log(`  503 without Retry-After: ${withoutRetryAfter}`);
} finally {
  api.kill('SIGTERM');
  await proxy.stop();
  await stack.stop();
  setTimeout(() => process.exit(process.exitCode ?? 0), 3_000).unref();
}
