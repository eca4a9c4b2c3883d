import { DEFAULT_PREFIX, tableName, type ServiceEntry } from '@ndf/catalog';
import { runService } from '@ndf/runtime';
import { awsJsonTarget } from './aws-json.js';
import { chaosService } from './chaos-service.js';

// Run by tests as a child process (see service-process.ts); configured by its environment.
const env = process.env;
if (!env.CHAOS_ENTRY) throw new Error('CHAOS_ENTRY (the service entry as JSON) is required.');
const entry = JSON.parse(env.CHAOS_ENTRY) as ServiceEntry;
await runService(
  chaosService(entry, {
    transientRate: Number(env.CHAOS_TRANSIENT_RATE ?? '0'),
    hangRate: Number(env.CHAOS_HANG_RATE ?? '0'),
    hangMs: Number(env.CHAOS_HANG_MS ?? '0'),
    ledgerTable: tableName(env.NDF_PREFIX ?? DEFAULT_PREFIX, 'runtime'),
    dynamodb: awsJsonTarget(env, 'dynamodb'),
  }),
);
