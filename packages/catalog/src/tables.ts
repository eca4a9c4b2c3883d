import type { TableEntry } from './types.js';

export const tables = [
  {
    name: 'notes',
    description: 'Expense notes, their receipts and processing state; single-table design, tenant in every key.',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
    ttlAttribute: 'expiresAt',
    stream: true,
  },
  {
    name: 'runtime',
    description: 'What the hop runtime keeps: quarantined messages, effect claims, stream checkpoints.',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [{ name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' }],
    ttlAttribute: 'expiresAt',
    stream: false,
  },
  {
    name: 'reference',
    description:
      'Reference data every tenant shares, never tenant data: the daily exchange rates (one item per source and day). Loaded on a schedule or by an operator, never at request time.',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: [],
    stream: false,
    partitions: ['RATES#*'],
  },
] as const satisfies readonly TableEntry[];
