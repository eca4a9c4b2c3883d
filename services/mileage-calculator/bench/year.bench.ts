// `npm run bench -- mileage-year [--notes N]`: the cost of recomputing one employee's mileage year
// of N notes (default 200) on DynamoDB Local: the first computation (every stage written), a
// repeat (nothing moved: reads and the year's item only), and a correction of the first note
// (every later note's figure moves). Prints the time of each and the stages written.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BatchWriteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { catalog, tableName } from '@ndf/catalog';
import { listingSortKey, noteKey, ownerListing, tenantScope, type NoteItem } from '@ndf/contracts';
import { ephemeralConfig, startLocalStack } from '@ndf/local-stack';
import { FRENCH_SCALES, ScaleBook } from '@ndf/mileage-scale';
import { recomputeEmployeeYear, type DynamoCall } from '../src/recompute.js';

const { values } = parseArgs({ options: { notes: { type: 'string', default: '200' } } });
const count = Number(values.notes);
if (!Number.isInteger(count) || count < 1 || count > 2_000) {
  console.error('usage: npm run bench -- mileage-year [--notes N (1 to 2,000)]');
  process.exit(2);
}

const stack = await startLocalStack(await ephemeralConfig('bench-mileage-'), { catalog: { ...catalog, services: [] } });
try {
  const notesTable = tableName(stack.config.prefix, 'notes');
  const employee = tenantScope({ tenant: 'bench', user: 'erin', roles: [] });
  const notes: NoteItem[] = Array.from({ length: count }, (_, index) => {
    const noteId = `0b000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
    const date = new Date(Date.UTC(2024, 0, 1 + Math.floor((index * 365) / count))).toISOString().slice(0, 10);
    return {
      ...noteKey(employee, noteId),
      type: 'NOTE',
      tenant: 'bench',
      noteId,
      owner: 'erin',
      status: 'submitted',
      version: 1,
      date,
      amount: { value: '30.00', currency: 'EUR' },
      mileage: { km: '47.5', fiscalPower: 5, vehicle: 'car' },
      receiptIds: [],
      requestHash: 'h',
      createdAt: date,
      updatedAt: date,
      gsi1pk: ownerListing(employee),
      gsi1sk: listingSortKey(date, noteId),
    };
  });
  for (let offset = 0; offset < notes.length; offset += 25)
    await stack.clients.dynamodb.send(
      new BatchWriteItemCommand({
        RequestItems: { [notesTable]: notes.slice(offset, offset + 25).map((note) => ({ PutRequest: { Item: marshall(note) } })) },
      }),
    );

  const dependencies = { dynamodb: stack.clients.dynamodb, notesTable, scales: new ScaleBook(FRENCH_SCALES) };
  let calls = 0;
  const call: DynamoCall = (work) => {
    calls += 1;
    return work(AbortSignal.timeout(10_000));
  };
  const measure = async (label: string) => {
    calls = 0;
    const started = performance.now();
    const result = await recomputeEmployeeYear(dependencies, call, employee, 2024);
    const ms = performance.now() - started;
    console.log(
      `${label.padEnd(34)} ${ms.toFixed(0).padStart(6)} ms  ${String(result.stagesWritten).padStart(5)} stages written  ${calls} DynamoDB calls`,
    );
  };

  console.log(`one employee's year of ${count} mileage notes (${(count * 47.5).toLocaleString('en')} km), DynamoDB Local`);
  await measure('first computation');
  await measure('repeat (nothing moved)');
  await stack.clients.dynamodb.send(
    new PutItemCommand({
      TableName: notesTable,
      Item: marshall({ ...notes[0]!, version: 2, mileage: { ...notes[0]!.mileage!, km: '60' } }),
    }),
  );
  await measure('correction of the first note');
} finally {
  await stack.stop();
}
