// `npm run bench -- duplicates [--notes N] [--checks M] [--receipts R]`: how many candidates the
// duplicate detector reads to check one note, in a tenant of N notes (one receipt each, 40 notes
// per employee over a year) on DynamoDB Local, against the N a scan would read. The notes' image
// hashes are random there; the perceptual hashes of R real synthetic receipts show how much fuller
// their bands are (their bits are not independent), and so the figure to expect in a real tenant.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BatchWriteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { bucketName, catalog, tableName } from '@ndf/catalog';
import { ITEM_TYPES, listingSortKey, noteKey, ownerListing, receiptKey, tenantScope } from '@ndf/contracts';
import { receiptImageHash } from '@ndf/duplicate-signals';
import { ephemeralConfig, startLocalStack } from '@ndf/local-stack';
import { stageItem } from '@ndf/receipt-pipeline';
import { generateFixture } from '@ndf/receipt-fixtures';
import { checkNote } from '../src/check-note.js';
import { imageHashFingerprints } from '../src/fingerprints.js';
import { indexReceipt } from '../src/duplicate-index.js';
import { SERVICE } from '../src/receipt-fingerprint.js';

const { values } = parseArgs({
  options: {
    notes: { type: 'string', default: '2000' },
    checks: { type: 'string', default: '50' },
    receipts: { type: 'string', default: '40' },
  },
});
const [notes, checks, receipts] = [Number(values.notes), Number(values.checks), Number(values.receipts)];
if (
  ![notes, checks, receipts].every(Number.isInteger) ||
  notes < 10 ||
  notes > 20_000 ||
  checks < 1 ||
  checks > notes ||
  receipts < 2 ||
  receipts > 200
) {
  console.error('usage: npm run bench -- duplicates [--notes N (10 to 20,000)] [--checks M (1 to N)] [--receipts R (2 to 200)]');
  process.exit(2);
}

// A seeded generator: every run fills the same tenant.
let seed = 14;
const random = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const pick = (count: number) => Math.floor(random() * count);
const randomHash = () => Array.from({ length: 16 }, () => pick(16).toString(16)).join('');
const id = (n: number) => `0b000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * 0.95))]!;

/** Index entries a hash reads among others: the others filed under each of its band fingerprints. */
function bandEntries(hash: string, others: readonly string[]): number {
  const mine = imageHashFingerprints(hash);
  return others.reduce((sum, other) => sum + imageHashFingerprints(other).filter((fingerprint) => mine.includes(fingerprint)).length, 0);
}

// Real perceptual hashes: how full the bands are, against random hashes of the same count.
const real: string[] = [];
for (let index = 0; index < receipts; index += 1)
  real.push(await receiptImageHash(await readFile((await generateFixture(1, index, 'png')).path)));
const uniform = Array.from({ length: receipts }, randomHash);
const fullness = (hashes: readonly string[]) =>
  hashes.reduce(
    (sum, hash, index) =>
      sum +
      bandEntries(
        hash,
        hashes.filter((_, other) => other !== index),
      ),
    0,
  ) /
  hashes.length /
  (hashes.length - 1);
const realShare = fullness(real);
const uniformShare = fullness(uniform);

const stack = await startLocalStack(await ephemeralConfig('bench-dupes-'), { catalog: { ...catalog, services: [] } });
const prefix = stack.config.prefix;
const dependencies = {
  dynamodb: stack.clients.dynamodb,
  s3: stack.clients.s3,
  notesTable: tableName(prefix, 'notes'),
  receiptsBucket: bucketName(prefix, 'receipts'),
};
const table = { dynamodb: dependencies.dynamodb, tableName: dependencies.notesTable };
const scope = tenantScope({ tenant: 'bench', user: SERVICE, roles: [] });
const employees = Math.max(1, Math.round(notes / 40));
const call = <T>(_: string, fn: (signal: AbortSignal) => Promise<T>) => fn(AbortSignal.timeout(30_000));

try {
  const filling = performance.now();
  for (let start = 0; start < notes; start += 8) {
    const batch = Array.from({ length: Math.min(8, notes - start) }, (_, offset) => start + offset);
    const items = batch.flatMap((n) => {
      const noteId = id(n);
      const receiptId = id(1_000_000 + n);
      const owner = `employee-${pick(employees)}`;
      const date = new Date(Date.UTC(2025, 0, 1) + pick(365) * 86_400_000).toISOString().slice(0, 10);
      const note = {
        ...noteKey(scope, noteId),
        type: ITEM_TYPES.note,
        tenant: 'bench',
        noteId,
        owner,
        status: 'submitted',
        version: 1,
        date,
        amount: { value: `${1 + pick(200)}.${pick(10)}0`, currency: 'EUR' },
        merchant: ['SNCF', 'Uber', 'Le Petit Zinc', 'Total', 'Ibis'][pick(5)],
        receiptIds: [receiptId],
        requestHash: 'h',
        createdAt: 't',
        updatedAt: 't',
        gsi1pk: ownerListing(tenantScope({ tenant: 'bench', user: owner, roles: [] })),
        gsi1sk: listingSortKey(date, noteId),
      };
      const receipt = {
        ...receiptKey(scope, receiptId, noteId),
        type: ITEM_TYPES.receipt,
        tenant: 'bench',
        receiptId,
        noteId,
        status: 'processed',
        sha256: `${n.toString(16).padStart(8, '0')}${'0'.repeat(56)}`,
      };
      const imageHash = randomHash();
      const stage = stageItem(scope, SERVICE, { receiptId, noteId }, { status: 'succeeded', outcome: { indexedFor: noteId, imageHash } });
      return [{ note, receipt, stage, imageHash }];
    });
    await stack.clients.dynamodb.send(
      new BatchWriteItemCommand({
        RequestItems: {
          [dependencies.notesTable]: items.flatMap(({ note, receipt, stage }) =>
            [note, receipt, stage].map((item) => ({ PutRequest: { Item: marshall(item) } })),
          ),
        },
      }),
    );
    for (const { receipt, imageHash } of items)
      await indexReceipt(
        table,
        scope,
        { noteId: receipt.noteId, receiptId: receipt.receiptId, sha256: receipt.sha256, imageHash },
        AbortSignal.timeout(30_000),
      );
  }
  const filled = performance.now() - filling;

  const read: number[] = [];
  const times: number[] = [];
  for (let check = 0; check < checks; check += 1) {
    const started = performance.now();
    const result = await checkNote(dependencies, scope, id(pick(notes)), call);
    times.push(performance.now() - started);
    if (result.status === 'checked') read.push(result.outcome.candidatesRead);
  }
  // Its own 10 entries (the SHA-256 and 9 bands), and 9 bands of 7 or 8 bits each shared by about 1 in 128 random hashes.
  const expected = 10 + (9 * (notes - 1)) / 128;
  console.log(
    `duplicate-detector candidates: a tenant of ${notes} notes (1 receipt each, ${employees} employees), filled in ${(filled / 1000).toFixed(1)} s`,
  );
  console.log(
    `  candidates read per note: median ${median(read)}, p95 ${p95(read)}, max ${Math.max(...read)} (a scan: ${notes}); its own 10 entries included; ~${expected.toFixed(1)} expected for random hashes, plus the owner's notes of 3 days`,
  );
  console.log(`  check of one note on DynamoDB Local: median ${median(times).toFixed(1)} ms, p95 ${p95(times).toFixed(1)} ms`);
  console.log(
    `  real receipt hashes (${receipts} synthetic scans): a hash shares ${(realShare * 100).toFixed(2)} band entries per 100 other receipts, against ${(uniformShare * 100).toFixed(2)} for random ones: ~${Math.round(realShare * (notes - 1))} candidates per note in a tenant of ${notes} such receipts`,
  );
} finally {
  await stack.stop();
}
