import { describe, expect, it } from 'vitest';
import { OPERATOR_PARTITION_PATTERNS, matchesPattern, runtimePartitionPatterns } from '@ndf/catalog';
import { effectPartition } from '../src/effects/effect-keys.js';
import { auditKey, guardKey, recordKey } from '../src/quarantine/quarantine-keys.js';
import { attemptsPartition } from '../src/sqs/attempt-keys.js';
import { checkpointPartition } from '../src/stream/checkpoints.js';

// The cloud grants each service only the runtime table's partitions the catalog names
// (dynamodb:LeadingKeys); a key the runtime writes outside them would be refused there.
describe("the runtime's keys in the runtime table", () => {
  const service = 'format-sniffer';
  const keys = {
    effect: effectPartition(service, 'sniffed#r1'),
    attempts: attemptsPartition(service, 'message-1'),
    quarantine: recordKey(service, '2026-12-02T00:00:00.000Z', 'm1').pk,
    quarantineGuard: guardKey(service, 'm1').pk,
    checkpoint: checkpointPartition(service, 'arn:aws:dynamodb:eu-west-3:123456789012:table/ndf-notes/stream/2026'),
  };

  it.each(Object.entries(keys))("puts the %s key in the service's own partitions", (_, key) => {
    expect(runtimePartitionPatterns(service).some((pattern) => matchesPattern(pattern, key))).toBe(true);
  });

  it.each(Object.entries(keys))("keeps the %s key out of every other service's partitions", (_, key) => {
    expect(runtimePartitionPatterns('format').some((pattern) => matchesPattern(pattern, key))).toBe(false);
    expect(runtimePartitionPatterns('ocr').some((pattern) => matchesPattern(pattern, key))).toBe(false);
  });

  it("keeps the operators' audit out of every service's partitions, in the operators' audit partitions", () => {
    const audit = auditKey(service, 'm1', '2026-12-02T00:00:00.000Z', 'replay').pk;
    expect(runtimePartitionPatterns(service).some((pattern) => matchesPattern(pattern, audit))).toBe(false);
    expect(OPERATOR_PARTITION_PATTERNS.audit.some((pattern) => matchesPattern(pattern, audit))).toBe(true);
    expect(OPERATOR_PARTITION_PATTERNS.records.some((pattern) => matchesPattern(pattern, audit))).toBe(false);
  });
});
