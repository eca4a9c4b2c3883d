// The runtime as it runs in production: a service in its own process. Measures its resident
// memory idle and under load, and its throughput with one DynamoDB effect per message.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { catalog, type ServiceEntry } from '@ndf/catalog';
import { ephemeralConfig, startLocalStack } from '@ndf/local-stack';
import { CHAOS_SERVICE_MAIN, startServiceProcess } from '@ndf/testkit';
import { fill, sleep, sqsClient } from './harness.js';

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

export interface ProcessFigures {
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

async function succeeded(metricsUrl: string): Promise<number> {
  const snapshot = (await (await fetch(`${metricsUrl}/metrics`)).json()) as { counters: Record<string, number | undefined> };
  return snapshot.counters.succeeded ?? 0;
}

export async function measureServiceProcess(messages: number, log: (line: string) => void): Promise<ProcessFigures> {
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
    const sqs = sqsClient(stack.endpoints.sqs);
    const queueUrl = stack.provisioned.queues.get(entry.name)!.queue.url;
    let peakRss = idleRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(service.pid))), 100);
    const startedAt = performance.now();
    // Bodies are the chaos service's: a JSON object with an id, whose effect is a conditional write.
    await fill(sqs, queueUrl, messages, 16, (index) => JSON.stringify({ id: `p-${index}` }));
    while ((await succeeded(service.metricsUrl)) < messages) await sleep(100);
    const seconds = (performance.now() - startedAt) / 1000;
    clearInterval(sampler);
    sqs.destroy();
    return { idleRss, peakRss, perSecond: messages / seconds, messages };
  } finally {
    await service.stop();
    await stack.stop();
  }
}
