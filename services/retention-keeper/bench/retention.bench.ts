// `npm run bench -- retention [--notes N] [--originals M]`: on a local stack of its own, how fast an
// employee's erasure goes (notes per second, through the keeper's steps as ticks drive them), and
// how long one day's seal and the chain's verification take for M originals.
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { ITEM_TYPES, historyKey, listingSortKey, ownerListing, tenantScope } from '@ndf/contracts';
import { ephemeralConfig, startLocalStack } from '@ndf/local-stack';
import { indexOriginal, readErasure, readErasureItem, requestErasure } from '@ndf/retention';
import { putItems, testNoteItem, testReceiptItem } from '@ndf/testkit';
import { driveErasure } from '../src/drive-erasure.js';
import { sealDueDays, verifySealedIndex } from '../src/sealed-index.js';

const { values } = parseArgs({ options: { notes: { type: 'string', default: '200' }, originals: { type: 'string', default: '1000' } } });
const notes = Number(values.notes);
const originals = Number(values.originals);
if (!(Number.isInteger(notes) && notes > 0 && notes <= 5_000 && Number.isInteger(originals) && originals > 0 && originals <= 20_000)) {
  console.error('usage: pnpm bench retention [--notes N (1-5000)] [--originals M (1-20000)]');
  process.exit(2);
}

const stack = await startLocalStack(await ephemeralConfig('bench-retention-'), { catalog: { ...catalog, services: [] } });
const prefix = stack.config.prefix;
const table = tableName(prefix, 'notes');
const signal = new AbortController().signal;
try {
  const tenant = 'bench-retention';
  const scope = tenantScope({ tenant, user: 'hr', roles: ['admin'] });
  const owner = tenantScope({ tenant, user: 'leaver', roles: ['employee'] });
  const items: object[] = [];
  for (let index = 0; index < notes; index += 1) {
    const noteId = randomUUID();
    const receiptId = randomUUID();
    const note = testNoteItem(tenant, noteId, {
      owner: 'leaver',
      comment: `note ${index}`,
      attendees: ['A', 'B'],
      receiptIds: [receiptId],
    });
    items.push(
      { ...note, gsi1pk: ownerListing(owner), gsi1sk: listingSortKey(note.date, noteId) },
      { ...testReceiptItem(tenant, receiptId, { noteId }), uploader: 'leaver' },
      {
        ...historyKey(owner, noteId, 2),
        type: ITEM_TYPES.history,
        tenant,
        noteId,
        version: 2,
        action: 'submit',
        from: 'received',
        to: 'submitted',
        actor: { kind: 'user', id: 'leaver', role: 'owner' },
        at: '2026-03-03T08:00:00.000Z',
        requestId: `r${index}`,
      },
    );
  }
  await putItems(stack.clients.dynamodb, table, items);
  await requestErasure(stack.clients.dynamodb, table, scope, {
    requestId: 'bench',
    employee: 'leaver',
    requestedBy: 'hr',
    requestedAt: new Date().toISOString(),
  });
  const driver = {
    dynamodb: stack.clients.dynamodb,
    table,
    now: () => new Date(),
    newPseudonym: () => `erased-${randomUUID()}`,
    notesPerStep: 25,
  };
  const started = performance.now();
  let steps = 0;
  for (;;) {
    steps += 1;
    const item = await readErasureItem(stack.clients.dynamodb, table, scope, 'bench');
    if ((await driveErasure(driver, item!, signal)) === 'completed') break;
  }
  const erasureMs = performance.now() - started;
  const report = await readErasure(stack.clients.dynamodb, table, scope, 'bench');
  console.log(
    `erasure: ${report!.notesErased} notes (${report!.itemsChanged} items) in ${steps} steps of 25 notes, ${(erasureMs / 1000).toFixed(1)} s: ${((report!.notesErased * 1000) / erasureMs).toFixed(0)} notes/s`,
  );

  for (let index = 0; index < originals; index += 1) {
    const at = new Date(Date.UTC(2026, 11, 1, 0, 0, 0, Math.floor((index * 86_400_000) / originals))).toISOString();
    await indexOriginal(
      stack.clients.dynamodb,
      table,
      {
        tenant,
        receiptId: randomUUID(),
        key: `tenants/${tenant}/receipts/${index}`,
        versionId: null,
        sha256: 'ab'.repeat(32),
        size: 1000,
        uploadedAt: at,
      },
      at,
    );
  }
  const sealer = {
    dynamodb: stack.clients.dynamodb,
    table,
    s3: stack.clients.s3,
    auditBucket: bucketName(prefix, 'audit'),
    now: () => new Date('2026-12-02T01:00:00.000Z'),
    sealFrom: '2026-12-01',
    sealAfterMs: 600_000,
    daysPerTick: 7,
  };
  const sealStart = performance.now();
  await sealDueDays(sealer, signal);
  const sealMs = performance.now() - sealStart;
  const verifyStart = performance.now();
  const verified = await verifySealedIndex(stack.clients.s3, sealer.auditBucket, { from: '2026-12-01', to: '2026-12-01' }, signal);
  const verifyMs = performance.now() - verifyStart;
  console.log(
    `seal: one day of ${originals} originals in ${sealMs.toFixed(0)} ms; verification ${verified.ok ? 'ok' : 'BROKEN'} in ${verifyMs.toFixed(0)} ms`,
  );
} finally {
  await stack.stop();
}
