import type { BucketEntry } from './types.js';

export const buckets = [
  {
    name: 'receipts',
    description: 'Original receipt files as uploaded (legal copy), and derived copies under derived/.',
    retainOriginals: true,
  },
  {
    name: 'audit',
    description: 'Every change of every note and receipt, one object per change under its note, locked for the legal retention.',
    retainOriginals: true,
  },
  {
    name: 'exports',
    description: 'Accounting exports (FEC, CSV, Sage, ...) pulled by integrations through presigned downloads.',
    retainOriginals: false,
  },
  {
    name: 'quarantine',
    description: 'Payloads of quarantined messages too large for their DynamoDB record.',
    retainOriginals: false,
  },
] as const satisfies readonly BucketEntry[];
