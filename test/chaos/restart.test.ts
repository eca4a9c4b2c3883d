import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NoteDetail } from '@ndf/contracts';
import { generateFixtures } from '@ndf/receipt-fixtures';
import { waitUntil } from '@ndf/local-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ReceiptsClient,
  platformAccess,
  platformEnvironment,
  receiptItems,
  runRestart,
  startPlatform,
  storeBehindTheEdge,
  type PlatformProcess,
} from '@ndf/testkit';

// `npm run chaos -- restart` in small: the platform as `npm start` runs it, in a data folder of its own.
describe('the platform stopped with receipts in flight, and started again on its data', () => {
  it('brings every receipt to a final state after a SIGKILL of its whole tree, none taking effect twice', async () => {
    const figures = await runRestart({
      receipts: 20,
      ocrShare: 0.1,
      mode: 'kill',
      seed: 31,
      tickSeconds: 2,
      stuckAfterSeconds: 10,
      timeoutMs: 180_000,
      log: () => undefined,
    });
    expect(figures.processesKilled).toBeGreaterThan(3);
    expect(figures.allFinalAfterMs).toBeDefined();
    expect(figures.finalStatuses).toEqual({ processed: 20 });
    // Every receipt's stages were read from the stream (intake, sniffer, a reader, the parser), each written once.
    expect(figures.stageWrites).toBeGreaterThanOrEqual(20 * 4);
    expect(figures.effectsTwice).toEqual({});
  }, 300_000);
});

describe('the reconciler on the running platform', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ndf-chaos-reconciler-'));
  let environment: Record<string, string>;
  let platform: PlatformProcess;

  beforeAll(async () => {
    // Uploads expire after 7.2 s here (a day by default).
    environment = await platformEnvironment(dataDir, {
      NDF_TICK_SECONDS: '2',
      NDF_RECONCILER_STUCK_AFTER_SECONDS: '3',
      NDF_RECONCILER_UPLOAD_EXPIRY_HOURS: '0.002',
    });
    platform = await startPlatform(environment);
  }, 180_000);
  afterAll(async () => {
    await platform?.interrupt();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('brings an upload whose S3 event never came to the end of the chain', async () => {
    const access = await platformAccess(environment, 'net');
    const [fixture] = await generateFixtures({ seed: 5, count: 1, format: 'pdf-digital' });
    const bytes = await readFile(fixture!.path);
    const asked = await new ReceiptsClient(access.api, access.token).ask(fixture!, bytes.length);
    // Stored behind the S3 edge's back, straight into the emulator: no notification is ever sent.
    await storeBehindTheEdge(access, asked.key, bytes, 'application/pdf');

    const receipt = { noteId: asked.receipt.noteId!, receiptId: asked.receiptId };
    let item: Record<string, unknown> | undefined;
    await waitUntil(
      'the receipt to be processed',
      async () => {
        item = (await receiptItems(access.aws.dynamodb, access.table, 'net', [receipt])).get(receipt.receiptId);
        return item?.status === 'processed';
      },
      120_000,
      500,
    );
    expect(item).toMatchObject({ status: 'processed', redrivesTotal: 1, sha256: expect.any(String) });
    expect(item?.gsi1pk).toBeUndefined();
  }, 180_000);

  it('shows a receipt never uploaded as expired on its note, with the reason', async () => {
    const access = await platformAccess(environment, 'net');
    const [fixture] = await generateFixtures({ seed: 6, count: 1, format: 'pdf-digital' });
    const asked = await new ReceiptsClient(access.api, access.token).ask(fixture!, 1_000);
    let shown: NoteDetail['receipts'][number] | undefined;
    await waitUntil(
      'the receipt to expire',
      async () => {
        const response = await fetch(`${access.api}/notes/${asked.receipt.noteId}`, {
          headers: { authorization: `Bearer ${access.token}` },
        });
        shown = ((await response.json()) as NoteDetail).receipts.find((receipt) => receipt.id === asked.receiptId);
        return shown?.status === 'expired';
      },
      120_000,
      500,
    );
    expect(shown?.stages).toContainEqual(expect.objectContaining({ service: 'reconciler', status: 'refused', code: 'upload-expired' }));
  }, 180_000);
});
