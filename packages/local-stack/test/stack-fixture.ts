import { catalog, type Catalog, type ServiceEntry } from '@ndf/catalog';
import type { StackConfig } from '../src/config.js';
import { ephemeralConfig } from '../src/config.js';

const probe = (overrides: Partial<ServiceEntry> & Pick<ServiceEntry, 'name' | 'consumes'>): ServiceEntry => ({
  description: 'a service that exists only in this test catalog',
  critical: false,
  emits: [],
  limits: { deadlineMs: 1_000, concurrency: 4, maxAttempts: 2 },
  alarms: { maxMessageAgeSeconds: 60, quarantinedMessages: 1, heartbeatMissingSeconds: 30 },
  ...overrides,
});

/** The platform's tables and buckets, with services that exercise each kind of wiring. */
export const testCatalog: Catalog = {
  ...catalog,
  services: [
    probe({ name: 'probe-receipts', consumes: { kind: 's3', bucket: 'receipts', prefix: 'tenants/' } }),
    probe({ name: 'probe-pdf', consumes: { kind: 's3', bucket: 'receipts', prefix: 'tenants/', suffix: '.pdf' } }),
    probe({ name: 'probe-notes', consumes: { kind: 'stream', table: 'notes', itemTypes: ['NOTE'], events: ['INSERT'] } }),
  ],
};

/** A stack on free ports, so that tests never collide with a developer's running platform. */
export function testStackConfig(dataDir?: string): Promise<StackConfig> {
  return ephemeralConfig('test-', dataDir);
}
