// `pnpm bench service-process [--messages N]`: the runtime as it runs in production, a service
// in its own process (through tsx, on a local stack). Measures its resident memory idle and under
// load, and its throughput with one DynamoDB effect per message (a conditional write through
// `once`). A system bench: it runs the testkit's chaos service, which is built on the runtime.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { SendMessageBatchCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { catalog, type ServiceEntry } from '@ndf/catalog';
import { ephemeralConfig, startLocalStack } from '@ndf/local-stack';
import { CHAOS_SERVICE_MAIN, startServiceProcess } from '@ndf/testkit';

const PREFIX = 'bench-process-';

const entry: ServiceEntry = {
  name: 'bench-service',
  description: 'the benchmark service: one effect per message, through `once`',
  critical: false,
  consumes: { kind: 'queue' },
  emits: [],
  limits: { deadlineMs: 5_000, concurrency: 100, maxAttempts: 5 },
  alarms: { maxMessageAgeSeconds: 60, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
};

interface ProcessFigures {
  readonly idleRss: number;
  readonly peakRss: number;
  readonly perSecond: number;
  readonly messages: number;
}

/** Resident set size of another process, in bytes. */
function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((text) => text.startsWith('VmRSS:'));
    if (line) return Number(line.replace(/\D+/g, '')) * 1024;
  } catch {
    // Not Linux: ask ps.
  }
  return (
    Number(
      execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
        .toString()
        .trim(),
    ) * 1024
  );
}

/** Sends `count` chaos-service bodies in batches of 10, 16 batches at a time. */
async function fill(sqs: SQSClient, queueUrl: string, count: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const start = next;
      next = Math.min(count, next + 10);
      // Bodies are the chaos service's: a JSON object with an id, whose effect is a conditional write.
      const entries = Array.from({ length: next - start }, (_, index) => ({
        Id: String(index),
        MessageBody: JSON.stringify({ id: `p-${start + index}` }),
      }));
      const { Failed = [] } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
      if (Failed.length > 0) throw new Error(`send failed: ${Failed[0]?.Message ?? 'unknown'}`);
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

async function succeeded(metricsUrl: string): Promise<number> {
  const snapshot = (await (await fetch(`${metricsUrl}/metrics`)).json()) as { counters: Record<string, number | undefined> };
  return snapshot.counters.succeeded ?? 0;
}

async function measureServiceProcess(messages: number, log: (line: string) => void): Promise<ProcessFigures> {
  // A queue-fed service must have a producer in a sound catalog: a stand-in that emits to it.
  const producer: ServiceEntry = { ...entry, name: 'bench-producer', emits: [{ kind: 'service', service: entry.name }] };
  const stack = await startLocalStack(await ephemeralConfig(PREFIX), {
    catalog: {
      ...catalog,
      services: [entry, { ...producer, consumes: { kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT'] } }],
    },
  });
  const service = await startServiceProcess({
    entry: CHAOS_SERVICE_MAIN,
    env: { ...process.env, ...stack.environment(), LOG_LEVEL: 'info', CHAOS_ENTRY: JSON.stringify(entry), NDF_PREFIX: PREFIX },
  });
  try {
    await sleep(3_000);
    const idleRss = rssOf(service.pid);
    log(`service process ${service.pid}: idle RSS ${(idleRss / 2 ** 20).toFixed(0)} MB; queueing ${messages} messages...`);
    const sqs = stack.clients.sqs;
    const queueUrl = stack.provisioned.queues.get(entry.name)!.queue.url;
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(service.pid))), 100);
    const startedAt = performance.now();
    await fill(sqs, queueUrl, messages);
    while ((await succeeded(service.metricsUrl)) < messages) await sleep(100);
    const seconds = (performance.now() - startedAt) / 1000;
    clearInterval(sampler);
    return { idleRss, peakRss, perSecond: messages / seconds, messages };
  } finally {
    await service.stop();
    await stack.stop();
  }
}

const { values } = parseArgs({ options: { messages: { type: 'string', default: '10000' } }, allowPositionals: false });
const messages = Number(values.messages);
if (!Number.isInteger(messages) || messages <= 0) {
  console.error('usage: pnpm bench service-process [--messages N]');
  process.exit(2);
}
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const figures = await measureServiceProcess(messages, (line) => console.log(line));
console.log(
  `service process: idle RSS ${mb(figures.idleRss)}, peak RSS under load ${mb(figures.peakRss)}, ${figures.perSecond.toFixed(0)} msg/s over ${figures.messages} messages`,
);
