// `pnpm bench receipt-chain [--receipts N] [--seed S] [--low-load N] [--engine paddle|tesseract] [--real <folder>] [--chain-only]`:
// receipts end to end on the local stack as `npm start` runs it (ingest API, stream router and
// every receipt service as processes), from the upload to the fields on the note, against OCR
// alone on the same receipts in this process (the ceiling: OCR is the chain's slowest step). Low
// load (one receipt at a time) gives the latency a user sees; a burst of every receipt at once
// gives the throughput. `--real` then sends a folder of real receipts with a truth.json through
// the API one at a time and judges the fields on their notes. `--chain-only` runs the chain's own
// services alone (as its tasks in the cloud, which share no CPU with the note's checks): on two
// cores, the checks and approvals every receipt sets off downstream take most of the CPU.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { catalog, findService } from '@ndf/catalog';
import type { NoteDetail, ReceiptUpload, ReceiptView } from '@ndf/contracts';
import { ephemeralConfig, freePort, paths, platformProcesses, startLocalStack, Supervisor, waitUntil } from '@ndf/local-stack';
import { measureOcrThroughput, percentile } from './ocr-throughput.js';
import { receiptReadingCatalog } from './receipt-chain-processes.js';
import { generateFixtures } from '@ndf/receipt-fixtures';
import { DEFAULT_OCR_ENGINE, isOcrEngineName } from '@ndf/ocr/engine';
import { judgeFields, readTruth, type RealReceipt } from './real/truth.js';

const { values } = parseArgs({
  options: {
    receipts: { type: 'string', default: '200' },
    seed: { type: 'string', default: '2025' },
    'low-load': { type: 'string', default: '10' },
    engine: { type: 'string', default: DEFAULT_OCR_ENGINE },
    real: { type: 'string' },
    'chain-only': { type: 'boolean', default: false },
  },
  allowPositionals: false,
});
const [count, seed, lowLoad] = [Number(values.receipts), Number(values.seed), Number(values['low-load'])];
const engine = values.engine;
if (![count, seed, lowLoad].every((value) => Number.isInteger(value) && value > 0) || !isOcrEngineName(engine)) {
  console.error(
    'usage: pnpm bench receipt-chain [--receipts N] [--seed S] [--low-load N] [--engine paddle|tesseract] [--real <folder>] [--chain-only]',
  );
  process.exit(2);
}
const realReceipts = values.real === undefined ? [] : await readRealFolder(resolve(values.real));

async function readRealFolder(folder: string): Promise<RealReceipt[]> {
  const truth = readTruth(JSON.parse(await readFile(join(folder, 'truth.json'), 'utf8')));
  if ('error' in truth) {
    console.error(truth.error);
    process.exit(2);
  }
  return truth.map((receipt) => ({ ...receipt, file: join(folder, receipt.file) }));
}

/** What the chain is given: a file and the type the app says it is. */
interface Upload {
  readonly path: string;
  readonly mediaType: string;
}
const uploadOfReal = (receipt: RealReceipt): Upload => ({
  path: receipt.file,
  mediaType: /\.png$/i.test(receipt.file) ? 'image/png' : /\.pdf$/i.test(receipt.file) ? 'application/pdf' : 'image/jpeg',
});
const ocrWorkers = findService(catalog, 'ocr').limits.concurrency;

// The stack keeps every queue: what the chain hands to the services left out waits there.
const running = values['chain-only'] ? receiptReadingCatalog(catalog) : catalog;

// Half clean scans, half phone-like photos: every one goes through OCR, as in the ceiling.
console.log(`making ${count + lowLoad} receipts (cached after the first run)...`);
const half = Math.ceil(count / 2);
const fixtures = [
  ...(await generateFixtures({ seed, count: half, format: 'png' })),
  ...(await generateFixtures({ seed: seed + 1, count: count - half, format: 'photo' })),
];
const lowLoadFixtures = await generateFixtures({ seed: seed + 2, count: lowLoad, format: 'photo' });

console.log(`OCR alone (${engine}): ${count} receipts, ${ocrWorkers} cores (the ocr service's concurrency)...`);
const ceilingPng = await measureOcrThroughput({ count: half, seed, format: 'png', engine, cores: ocrWorkers });
const ceilingPhoto = await measureOcrThroughput({ count: count - half, seed: seed + 1, format: 'photo', engine, cores: ocrWorkers });
const ceilingPerMinute = (count / (ceilingPng.seconds + ceilingPhoto.seconds)) * 60;

const stack = await startLocalStack(await ephemeralConfig('bench-chain-'), { catalog });
const port = await freePort();
const api = `http://127.0.0.1:${port}/v1`;
const supervisor = new Supervisor(
  platformProcesses(running, paths.repoRoot, stack.environment(), {
    NDF_PORT_INGEST_API: String(port),
    NDF_OCR_ENGINE: engine,
    LOG_LEVEL: 'warn',
  }),
);
supervisor.start();

let retried503 = 0;

/** One API call; a 503 is retried after its Retry-After with the same request, as the app does. */
async function call<T>(token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status === 503 && attempt < 10) {
      retried503 += 1;
      await response.arrayBuffer();
      await new Promise((resolve) =>
        setTimeout(resolve, Number(response.headers.get('retry-after') ?? '1') * 1000 * (0.5 + Math.random())),
      );
      continue;
    }
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}

/** Creates a note and uploads the receipt for it; resolves with when the upload began (epoch ms) and where to look. */
async function submit(token: string, fixture: Upload): Promise<{ noteId: string; receiptId: string; startedAt: number }> {
  const note = await call<NoteDetail>(
    token,
    'POST',
    '/notes',
    { date: '2024-03-12', amount: { value: '10.00', currency: 'EUR' } },
    { 'idempotency-key': randomUUID() },
  );
  const bytes = await readFile(fixture.path);
  const startedAt = Date.now();
  const asked = await call<ReceiptUpload>(token, 'POST', '/receipts', {
    fileName: `receipt.${fixture.mediaType === 'image/png' ? 'png' : fixture.mediaType === 'application/pdf' ? 'pdf' : 'jpg'}`,
    contentType: fixture.mediaType,
    size: bytes.length,
    noteId: note.id,
  });
  const form = new FormData();
  for (const [name, value] of Object.entries(asked.upload.fields)) form.append(name, value);
  form.append('file', new Blob([bytes]), 'receipt');
  const stored = await fetch(asked.upload.url, { method: 'POST', body: form });
  if (!stored.ok) throw new Error(`upload: ${stored.status}`);
  return { noteId: note.id, receiptId: asked.receiptId, startedAt };
}

/**
 * How long the receipt took from its upload to its fields on the note, and the receipt as the note
 * shows it: the parser's stage says when it wrote them, so the note is read only to learn that it
 * is done, not to time it.
 */
async function finishedAfter(
  token: string,
  submitted: { noteId: string; receiptId: string; startedAt: number },
): Promise<{ ms: number; receipt: ReceiptView } | undefined> {
  // By id: a POST /v1/receipts retried after a 503 may have left a first receipt that was never uploaded on the note.
  const receipt = (await call<NoteDetail>(token, 'GET', `/notes/${submitted.noteId}`)).receipts.find(
    (found) => found.id === submitted.receiptId,
  );
  if (receipt?.status !== 'processed' && receipt?.status !== 'refused') return undefined;
  const last = Math.max(...receipt.stages.map((stage) => Date.parse(stage.updatedAt)));
  return { ms: last - submitted.startedAt, receipt };
}

/** How long without any receipt finishing before the ones left are reported as unfinished. */
const STALL_MS = 90_000;
let unfinished = 0;

/** How many unfinished receipts are read each round before waiting for the next (see throughChain). */
const UNFINISHED_READ_PER_ROUND = 4;

/** Uploads at once, as many apps at a time: beyond that, DynamoDB Local (not the API) answers too slowly. */
const UPLOADING_AT_ONCE = 16;

async function throughChain(
  token: string,
  fixtures: readonly Upload[],
  onDone: (index: number, receipt: ReceiptView) => void,
): Promise<number[]> {
  const submitted: { noteId: string; receiptId: string; startedAt: number }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(UPLOADING_AT_ONCE, fixtures.length) }, async () => {
      while (next < fixtures.length) submitted.push(await submit(token, fixtures[next++]!));
    }),
  );
  const times = new Map<number, number>();
  let lastProgress = Date.now();
  while (times.size < submitted.length) {
    if (Date.now() - lastProgress > STALL_MS) {
      // Not a hang of the benchmark: say where the receipts that did not finish are, and count them out.
      for (const [index, one] of submitted.entries()) {
        if (times.has(index)) continue;
        const receipt = (await call<NoteDetail>(token, 'GET', `/notes/${one.noteId}`)).receipts.find((found) => found.id === one.receiptId);
        console.log(
          `unfinished: note ${one.noteId} receipt ${receipt?.status} stages ${JSON.stringify(receipt?.stages.map((stage) => `${stage.service}:${stage.status}`))}`,
        );
      }
      unfinished += submitted.length - times.size;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The queues take receipts in about the order they came: the oldest unfinished are read, up to a few
    // not yet done. Reading all of them twice a second took a sixth of the CPU the chain's services had
    // (the API and DynamoDB Local answering), and the times are the stages' own, not when they are read.
    let notYetDone = 0;
    for (const [index, one] of submitted.entries()) {
      if (times.has(index)) continue;
      const finished = await finishedAfter(token, one);
      if (finished === undefined) {
        if (++notYetDone === UNFINISHED_READ_PER_ROUND) break;
        continue;
      }
      lastProgress = Date.now();
      times.set(index, finished.ms);
      onDone(index, finished.receipt);
    }
  }
  return [...times.values()];
}

/** Real receipts through the API one at a time, as users send them: their time to fields and the fields on their notes, judged. */
async function throughChainReal(token: string, receipts: readonly RealReceipt[]): Promise<void> {
  console.log(`\nreal receipts: ${receipts.length} through the API one at a time...`);
  const times: number[] = [];
  const right = { total: [0, 0], date: [0, 0], merchant: [0, 0] };
  const missed: string[] = [];
  for (const [index, receipt] of receipts.entries()) {
    let view: ReceiptView | undefined;
    times.push(...(await throughChain(token, [uploadOfReal(receipt)], (_, seen) => (view = seen))));
    const extracted = view?.extracted ?? {};
    const judged = judgeFields(receipt, {
      total: extracted.totalInclVat?.value,
      date: extracted.date?.value,
      merchant: extracted.merchant?.value,
    });
    for (const field of ['total', 'date', 'merchant'] as const) {
      if (judged[field] === undefined) continue;
      right[field][1]! += 1;
      if (judged[field]) right[field][0]! += 1;
      else
        missed.push(
          `${receipt.id} ${field} ${view?.status === 'refused' ? `(refused: ${view.refusal?.code})` : `"${extracted[field === 'total' ? 'totalInclVat' : field]?.value ?? ''}"`}`,
        );
    }
    if ((index + 1) % 10 === 0) console.log(`real receipts: ${index + 1}/${receipts.length}`);
  }
  times.sort((a, b) => a - b);
  const share = ([count, of]: number[]) => `${count}/${of} (${((100 * count!) / of!).toFixed(1)} %)`;
  console.log(`\nreal receipts through the API (${receipts.length}, one at a time), OCR by ${engine}`);
  console.log(`upload → fields p50 ${(percentile(times, 50) / 1000).toFixed(2)} s, p95 ${(percentile(times, 95) / 1000).toFixed(2)} s`);
  console.log(`total ${share(right.total)}, date ${share(right.date)}, merchant (fuzzy) ${share(right.merchant)}`);
  if (missed.length > 0) console.log(`missed: ${missed.join('; ')}`);
}

try {
  await waitUntil('the ingest API', async () => (await fetch(`${api}/health`)).ok, 60_000, 200);
  const token = await stack.issuer.mint({ tenant: 'bench', user: 'bench', roles: ['employee'], expiresInSeconds: 86_400 });
  // Warm every process of the chain (OCR workers, pdf.js, JIT) on one receipt, unreported.
  await throughChain(token, [lowLoadFixtures[0]!], () => undefined);

  console.log(`low load: ${lowLoad} receipts one after the other...`);
  const alone: number[] = [];
  for (const fixture of lowLoadFixtures) alone.push(...(await throughChain(token, [fixture], () => undefined)));

  console.log(`burst: ${count} receipts, uploaded ${UPLOADING_AT_ONCE} at a time...`);
  const burstStart = performance.now();
  let done = 0;
  const progress = setInterval(
    () => console.log(`burst: ${done}/${count} on their notes after ${((performance.now() - burstStart) / 1000).toFixed(0)} s`),
    10_000,
  );
  let lastDone = burstStart;
  const burst = await throughChain(token, fixtures, () => {
    done += 1;
    lastDone = performance.now();
  });
  clearInterval(progress);
  const burstSeconds = (lastDone - burstStart) / 1000;
  const perMinute = (burst.length / burstSeconds) * 60;
  alone.sort((a, b) => a - b);
  burst.sort((a, b) => a - b);

  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `\nnode ${process.version}, ${availableParallelism()} cores, load average ${loadavg()
      .map((value) => value.toFixed(1))
      .join(
        ' ',
      )}, OCR by ${engine} on ${ocrWorkers} cores, ${values['chain-only'] ? `the chain's services alone (${running.services.map((service) => service.name).join(', ')})` : 'every service of the platform'}`,
  );
  console.log(`receipts: ${count} (${half} clean scans, ${count - half} photos), seed ${seed}\n`);
  console.log('run                              receipts  receipts/min  p50 upload→fields  p99 upload→fields');
  console.log(
    `OCR alone (ceiling, in process)   ${String(count).padStart(8)}  ${ceilingPerMinute.toFixed(0).padStart(12)}  ${s(
      percentile(
        [ceilingPng.p50Ms, ceilingPhoto.p50Ms].sort((a, b) => a - b),
        50,
      ),
    ).padStart(17)}  ${s(Math.max(ceilingPng.p99Ms, ceilingPhoto.p99Ms)).padStart(17)}`,
  );
  console.log(
    `chain, low load (one at a time)   ${String(lowLoad).padStart(8)}  ${'-'.padStart(12)}  ${s(percentile(alone, 50)).padStart(17)}  ${s(percentile(alone, 99)).padStart(17)}`,
  );
  console.log(
    `chain, burst (16 uploads at once)  ${String(count).padStart(8)}  ${perMinute.toFixed(0).padStart(12)}  ${s(percentile(burst, 50)).padStart(17)}  ${s(percentile(burst, 99)).padStart(17)}`,
  );
  const ratio = perMinute / ceilingPerMinute;
  console.log(`\nthroughput chain / OCR alone: ${ratio.toFixed(2)} (target >= 0.8) ${ratio >= 0.8 ? 'MET' : 'MISSED'}`);
  console.log(`p50 at low load: ${s(percentile(alone, 50))} (target <= 2 s) ${percentile(alone, 50) <= 2_000 ? 'MET' : 'MISSED'}`);
  console.log(
    `API answers 503 (retried with the same request, as the app does): ${retried503}; receipts unfinished ${STALL_MS / 1000} s after the last one finished: ${unfinished}`,
  );
  if (realReceipts.length > 0) await throughChainReal(token, realReceipts);
} finally {
  await supervisor.stop();
  await stack.stop();
  setTimeout(() => process.exit(process.exitCode ?? 0), 2_000).unref();
}
