// `pnpm bench runtime [--messages N]`: our SqsConsumer against a raw SDK loop (the ceiling) and
// the sqs-consumer package, on the same in-process SQS emulator (fauxqs), one fresh queue per run.
import { parseArgs } from 'node:util';
import { LOOPBACK, freePort, startSqsEmulator } from '@ndf/local-stack';
import {
  OUR_SETTINGS,
  RAW_LOOPS,
  SQS_CONSUMER_SETTINGS,
  startOurConsumer,
  startRawLoop,
  startSqsConsumerPackage,
  type ContenderContext,
  type HandlerKind,
  type Running,
} from './contenders.js';
import { REGION, RssSampler, RunTally, createQueue, fill, isSlow, leftovers, percentile, sqsClient } from './harness.js';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '10000' } }, allowPositionals: false });
const messages = Number(values.messages);
if (!Number.isInteger(messages) || messages <= 0) {
  console.error('usage: pnpm bench runtime [--messages N]');
  process.exit(2);
}

type ContenderId = 'a' | 'b' | 'c';
const contenders: Record<ContenderId, { label: string; start: (context: ContenderContext) => Running }> = {
  a: { label: '(a) raw SDK loop', start: startRawLoop },
  b: { label: '(b) sqs-consumer', start: startSqsConsumerPackage },
  c: { label: '(c) our SqsConsumer', start: startOurConsumer },
};
const handlers: HandlerKind[] = ['no-op', 'slow-tail'];

interface Result {
  readonly contender: ContenderId;
  readonly handler: HandlerKind;
  readonly complete: boolean;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly peakRss: number;
  readonly handled: number;
  readonly unique: number;
  readonly duplicates: number;
  readonly left: number;
  readonly problems: number;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const timeoutMs = 60_000 + messages * 40;

const port = await freePort();
const emulator = await startSqsEmulator({ port, region: REGION });
const unusedEndpoint = `http://${LOOPBACK}:${await freePort()}`;
const admin = sqsClient(emulator.endpoint);
const results: Result[] = [];

async function runOne(label: string, contender: ContenderId, handler: HandlerKind, count: number): Promise<Result> {
  const name = `bench-${contender}-${handler}-${Date.now()}`;
  const queueUrl = await createQueue(admin, name);
  await fill(admin, queueUrl, count);
  const sqs = sqsClient(emulator.endpoint);
  const tally = new RunTally(count);
  const rss = new RssSampler();
  console.log(`${label}: ${count} messages queued, consuming...`);

  rss.start();
  const startedAt = performance.now();
  const running = contenders[contender].start({ sqs, queueUrl, queueName: name, tally, handler, unusedEndpoint });
  const progress = setInterval(
    () => console.log(`${label}: ${tally.deleted}/${count} deleted after ${((performance.now() - startedAt) / 1000).toFixed(0)} s`),
    5_000,
  );
  let timer: NodeJS.Timeout | undefined;
  const finishedAt = await Promise.race([
    tally.allDeleted,
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), timeoutMs))),
  ]);
  clearTimeout(timer);
  clearInterval(progress);
  const peakRss = rss.stop();

  await running.stop();
  sqs.destroy();
  const left = await leftovers(admin, queueUrl);
  const complete = finishedAt !== undefined;
  const seconds = ((finishedAt ?? performance.now()) - startedAt) / 1000;
  const sorted = [...tally.latencies].sort((x, y) => x - y);
  const result: Result = {
    contender,
    handler,
    complete,
    seconds,
    perSecond: tally.deleted / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    peakRss,
    handled: tally.handled,
    unique: tally.unique,
    duplicates: tally.duplicates,
    left: left.received + left.visible + left.notVisible,
    problems: running.problems.length,
  };
  console.log(
    `${label}: ${complete ? 'done' : `TIMED OUT after ${timeoutMs / 1000} s`} in ${seconds.toFixed(2)} s, ${result.perSecond.toFixed(0)} msg/s, ` +
      `handled ${tally.handled} (${tally.unique} distinct), deleted ${tally.deleted}, left on queue ${left.received} received / ${left.visible} visible / ${left.notVisible} in flight` +
      (running.problems.length > 0 ? `, ${running.problems.length} problem(s), first: ${running.problems[0]?.slice(0, 200)}` : ''),
  );
  return result;
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) => row.map((cell, column) => (column < 2 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '))
    .join('\n');
}

function ratioLine(what: string, numerator: Result | undefined, denominator: Result | undefined, target: number): string {
  if (!numerator || !denominator) return `${what}: n/a`;
  const ratio = numerator.perSecond / denominator.perSecond;
  return `${what}: ${ratio.toFixed(2)} (target >= ${target}) ${ratio >= target ? 'MET' : 'MISSED'}`;
}

try {
  await new Promise((resolve) => setTimeout(resolve, 500));
  const idleRss = process.memoryUsage().rss;
  console.log(`node ${process.version}, fauxqs in process on ${emulator.endpoint}, ${messages} messages per run, idle RSS ${mb(idleRss)}`);
  console.log(`(a) ${RAW_LOOPS} loops in parallel, each: receive 10 (wait 1 s), handle all at once, DeleteMessageBatch`);
  console.log(`(b) sqs-consumer, one instance: ${JSON.stringify(SQS_CONSUMER_SETTINGS)}, handleMessage returning the message`);
  console.log(`(c) SqsConsumer: ${JSON.stringify(OUR_SETTINGS)}; pollers, waitTimeSeconds and delete batching at their defaults`);
  const slow = Array.from({ length: messages }, (_, index) => isSlow(String(index))).filter(Boolean).length;
  console.log(
    `slow-tail: ${slow} of ${messages} messages (${((100 * slow) / messages).toFixed(1)} %, picked by a hash of the body) sleep 200 ms, the rest return at once`,
  );
  console.log('latency: (a) after ReceiveMessage returns, (b) message_received, (c) handler start; each to handler end\n');

  // Unreported: the first run would otherwise also pay for JIT and the first connections.
  const warmUp = Math.min(500, messages);
  for (const contender of ['a', 'b', 'c'] as const) await runOne(`[warm-up] ${contenders[contender].label}`, contender, 'no-op', warmUp);
  console.log('');

  const plan = handlers.flatMap((handler) => (['a', 'b', 'c'] as const).map((contender) => ({ contender, handler })));
  for (const [index, { contender, handler }] of plan.entries()) {
    results.push(await runOne(`[${index + 1}/${plan.length}] ${contenders[contender].label}, ${handler}`, contender, handler, messages));
  }

  const find = (contender: ContenderId, handler: HandlerKind) =>
    results.find((result) => result.contender === contender && result.handler === handler);
  const rows = [
    ['consumer', 'handler', 'msg/s', 'time s', 'p50 ms', 'p99 ms', 'peak RSS', 'handled', 'dup', 'left', 'issues'],
    ...results.map((result) => [
      contenders[result.contender].label,
      result.handler,
      result.perSecond.toFixed(0),
      result.seconds.toFixed(2) + (result.complete ? '' : '!'),
      result.p50.toFixed(2),
      result.p99.toFixed(2),
      mb(result.peakRss),
      String(result.handled),
      String(result.duplicates),
      String(result.left),
      String(result.problems),
    ]),
  ];
  console.log(`\n${messages} messages per run, idle RSS ${mb(idleRss)}\n`);
  console.log(table(rows));
  console.log('');
  console.log(ratioLine('(c)/(a), no-op    ', find('c', 'no-op'), find('a', 'no-op'), 0.8));
  console.log(ratioLine('(c)/(b), slow-tail', find('c', 'slow-tail'), find('b', 'slow-tail'), 2));

  console.log('\n(c) as a service process, in its own Node process on a local stack: pnpm bench service-process');
} finally {
  admin.destroy();
  await emulator.stop();
  // A stray keep-alive socket must not keep a finished benchmark alive.
  setTimeout(() => process.exit(process.exitCode ?? 0), 5_000).unref();
}
