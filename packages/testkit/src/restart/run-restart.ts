import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { generateFixtures, type Fixture } from '@ndf/receipt-fixtures';
import { platformAccess, platformEnvironment, startPlatform, type PlatformProcess } from './platform-process.js';
import { FINAL_STATUSES, receiptItems, stageWrites } from './receipt-ledger.js';
import { ReceiptsClient, type SubmittedReceipt } from './receipts-client.js';

export type StopMode = 'kill' | 'interrupt';

export interface RestartOptions {
  readonly receipts: number;
  /** Share of receipts that go through OCR (PNG scans); the others are digital PDFs (text layer, no OCR). */
  readonly ocrShare: number;
  readonly mode: StopMode;
  readonly seed: number;
  /** The reconciler's period on this platform, and how long a receipt must be stuck before it looks. */
  readonly tickSeconds: number;
  readonly stuckAfterSeconds: number;
  /** How long after the restart every receipt must be final, at most. */
  readonly timeoutMs: number;
  readonly log: (line: string) => void;
}

export interface RestartFigures {
  readonly mode: StopMode;
  readonly receipts: number;
  /** Receipts not final when the platform was stopped, by status ('not asked yet': the app had not asked for them). */
  readonly inFlightAtStop: Readonly<Record<string, number>>;
  readonly processesKilled: number;
  /** From the restart's spawn: the API answering, every receipt final. */
  readonly apiReadyAfterMs: number;
  /** From the restart's spawn: every receipt the app had asked for before the stop final; every receipt final (the rest uploaded after the restart). */
  readonly inFlightFinalAfterMs: number | undefined;
  readonly allFinalAfterMs: number | undefined;
  readonly finalStatuses: Readonly<Record<string, number>>;
  /** Receipts the reconciler drove again at least once, and its re-drives in all. */
  readonly reconciled: number;
  readonly redrives: number;
  /** Receipts whose step took effect more than once, by service: its STAGE item written twice (from the table's stream). */
  readonly effectsTwice: Readonly<Record<string, number>>;
  /** Receipts parsed more than once (the parser's line logged twice), whether or not the second run changed anything. */
  readonly parsedTwice: number;
  /** STAGE writes read from the stream for these receipts: what the count of effects stands on. */
  readonly stageWrites: number;
  readonly examples: readonly string[];
}

export const TENANT = 'chaos';
const UPLOADING_AT_ONCE = 16;

/**
 * Receipts uploaded to a platform in its own data folder, the platform stopped at a random moment
 * while they are in flight (SIGKILL of its whole tree, or SIGINT as Ctrl-C), started again on the
 * same data, and every receipt followed until it is final.
 */
export async function runRestart(options: RestartOptions): Promise<RestartFigures> {
  const { log } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'ndf-chaos-restart-'));
  const environment = await platformEnvironment(dataDir, {
    NDF_TICK_SECONDS: String(options.tickSeconds),
    NDF_RECONCILER_STUCK_AFTER_SECONDS: String(options.stuckAfterSeconds),
  });
  const fixtures = await chaosFixtures(options);
  const platforms: PlatformProcess[] = [];
  try {
    log(`platform: starting in ${dataDir}`);
    platforms.push(await startPlatform(environment));
    const { api, token, aws, table, endpoint } = await platformAccess(environment, TENANT);
    const client = new ReceiptsClient(api, token);

    const submitted: SubmittedReceipt[] = [];
    let next = 0;
    const stopAfter = Math.ceil(fixtures.length * (0.3 + Math.random() * 0.7));
    let reachedStopPoint: () => void = () => undefined;
    const stopPoint = new Promise<void>((resolve) => (reachedStopPoint = resolve));
    log(`uploading ${fixtures.length} receipts, ${UPLOADING_AT_ONCE} at a time; stopping the platform after about ${stopAfter}`);
    const uploading = Promise.all(
      Array.from({ length: UPLOADING_AT_ONCE }, async () => {
        while (next < fixtures.length) {
          submitted.push(await client.submit(fixtures[next++]!));
          if (submitted.length >= stopAfter) reachedStopPoint();
        }
      }),
    ).then(() => reachedStopPoint());
    await stopPoint;
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3_000));

    const atStop = await receiptItems(aws.dynamodb, table, TENANT, submitted);
    const inFlightAtStop: Record<string, number> = { 'not asked yet': fixtures.length - submitted.length };
    for (const item of atStop.values()) {
      const status = String(item.status);
      if (!FINAL_STATUSES.has(status)) inFlightAtStop[status] = (inFlightAtStop[status] ?? 0) + 1;
    }
    const stopping = platforms[0]!;
    let processesKilled = 0;
    if (options.mode === 'kill') processesKilled = await stopping.kill();
    else await stopping.interrupt();
    log(
      `platform ${options.mode === 'kill' ? `killed (${processesKilled} processes)` : 'interrupted'}; in flight: ${JSON.stringify(inFlightAtStop)}`,
    );

    const restartAt = Date.now();
    platforms.push(await startPlatform(environment));
    const apiReadyAfterMs = Date.now() - restartAt;
    log(`platform: started again, API answering after ${(apiReadyAfterMs / 1000).toFixed(1)} s`);
    let uploaded = false;
    void uploading.then(() => (uploaded = true));
    const beforeStop = submitted.slice();

    let allFinalAfterMs: number | undefined;
    let inFlightFinalAfterMs: number | undefined;
    let items = new Map<string, Record<string, unknown>>();
    let lastReport = 0;
    while (Date.now() - restartAt < options.timeoutMs) {
      items = await receiptItems(aws.dynamodb, table, TENANT, submitted);
      const isOpen = (receipt: SubmittedReceipt) => !FINAL_STATUSES.has(String(items.get(receipt.receiptId)?.status));
      if (inFlightFinalAfterMs === undefined && !beforeStop.some(isOpen)) inFlightFinalAfterMs = Date.now() - restartAt;
      const open = submitted.filter(isOpen);
      if (uploaded && open.length === 0) {
        allFinalAfterMs = Date.now() - restartAt;
        break;
      }
      if (Date.now() - lastReport > 10_000) {
        lastReport = Date.now();
        log(
          `after ${((Date.now() - restartAt) / 1000).toFixed(0)} s: ${open.length} not final ${JSON.stringify(countBy(open.map((receipt) => String(items.get(receipt.receiptId)?.status))))}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    await uploading;

    const writes = await stageWrites(
      new DynamoDBStreamsClient({
        endpoint: endpoint('dynamodb'),
        region: 'eu-west-3',
        credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      }),
      table,
    );
    const parses = countBy(
      platforms.flatMap((platform) => platform.lines.flatMap((line) => /receipt-read.*receiptId=([0-9a-f-]{36})/.exec(line)?.[1] ?? [])),
    );
    const mine = new Set(submitted.map((receipt) => receipt.receiptId));
    const effectsTwice: Record<string, number> = {};
    const examples: string[] = [];
    let stageWritesSeen = 0;
    for (const [receiptId, perService] of writes) {
      if (!mine.has(receiptId)) continue;
      for (const [service, count] of perService) {
        stageWritesSeen += count;
        if (count < 2) continue;
        effectsTwice[service] = (effectsTwice[service] ?? 0) + 1;
        if (examples.length < 5) examples.push(`${receiptId}: ${service} stage written ${count} times`);
      }
    }
    const parsedTwice = Object.entries(parses).filter(([receiptId, count]) => mine.has(receiptId) && count > 1).length;
    const redrivesOf = (receipt: SubmittedReceipt) => Number(items.get(receipt.receiptId)?.redrivesTotal ?? 0);
    return {
      mode: options.mode,
      receipts: fixtures.length,
      inFlightAtStop,
      processesKilled,
      apiReadyAfterMs,
      inFlightFinalAfterMs,
      allFinalAfterMs,
      finalStatuses: countBy(submitted.map((receipt) => String(items.get(receipt.receiptId)?.status))),
      reconciled: submitted.filter((receipt) => redrivesOf(receipt) > 0).length,
      redrives: submitted.reduce((sum, receipt) => sum + redrivesOf(receipt), 0),
      effectsTwice,
      parsedTwice,
      stageWrites: stageWritesSeen,
      examples,
    };
  } finally {
    for (const platform of platforms) await platform.interrupt().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Digital PDFs (read from their text layer) and, for `ocrShare` of them, PNG scans that go through OCR, mixed. */
async function chaosFixtures({ receipts, ocrShare, seed }: Pick<RestartOptions, 'receipts' | 'ocrShare' | 'seed'>): Promise<Fixture[]> {
  const scans = Math.round(receipts * ocrShare);
  const [pdfs, pngs] = await Promise.all([
    generateFixtures({ seed, count: receipts - scans, format: 'pdf-digital' }),
    generateFixtures({ seed: seed + 1, count: scans, format: 'png' }),
  ]);
  const every = scans === 0 ? Infinity : receipts / scans;
  const mixed: Fixture[] = [];
  for (let index = 0, pdf = 0, png = 0; index < receipts; index += 1) {
    mixed.push(png < scans && index >= png * every ? pngs[png++]! : pdfs[pdf++]!);
  }
  return mixed;
}

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
