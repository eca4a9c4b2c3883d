import type { ServiceEntry } from './types.js';

// One entry per service of services/<name>. `pnpm new:service <name>` adds the entry and
// the folder; the local stack and the CDK app derive queues, DLQs, roles and alarms from it.
// `as const`: each entry keeps its literal names, from which a service's dependencies (the names
// its handler may call through a breaker) are typed; see dependencies.ts.
export const services = [
  {
    name: 'format-sniffer',
    description: "Finds a receipt's real format from its bytes and refuses what cannot be a receipt",
    critical: false,
    consumes: { kind: 'stream', table: 'notes', itemTypes: ['RECEIPT'], events: ['MODIFY'], where: { status: ['uploaded'] } },
    emits: [
      { kind: 'table', table: 'notes' },
      { kind: 'service', service: 'image-normalizer' },
      { kind: 'service', service: 'pdf-inspector' },
    ],
    limits: { deadlineMs: 10_000, concurrency: 32, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    reads: [{ kind: 'bucket', bucket: 'receipts', prefix: 'tenants/' }],
    scaling: { maxTasks: 10, scaleToZero: false },
  },
  {
    name: 'image-normalizer',
    description: 'Turns a receipt photo into an upright, metadata-free copy for display and OCR, with thumbnails',
    critical: false,
    consumes: { kind: 'queue' },
    emits: [
      { kind: 'bucket', bucket: 'receipts', prefix: 'derived/' },
      { kind: 'table', table: 'notes' },
      { kind: 'service', service: 'ocr' },
    ],
    limits: { deadlineMs: 30_000, concurrency: 4, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    reads: [{ kind: 'bucket', bucket: 'receipts', prefix: 'tenants/' }],
    task: { cpu: 1024, memoryMiB: 2048 },
    scaling: { maxTasks: 10, scaleToZero: false },
  },
  {
    name: 'pdf-inspector',
    description: "Reads a receipt PDF's structure and text layer, and rasterises scanned pages for OCR",
    critical: false,
    consumes: { kind: 'queue' },
    emits: [
      { kind: 'bucket', bucket: 'receipts', prefix: 'derived/' },
      { kind: 'table', table: 'notes' },
      { kind: 'service', service: 'ocr' },
      { kind: 'service', service: 'receipt-parser' },
    ],
    limits: { deadlineMs: 60_000, concurrency: 2, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    reads: [{ kind: 'bucket', bucket: 'receipts', prefix: 'tenants/' }],
    task: { cpu: 1024, memoryMiB: 2048 },
    scaling: { maxTasks: 10, scaleToZero: false },
  },
  {
    name: 'ocr',
    description: 'Reads the text of a receipt image, with word confidences',
    critical: false,
    consumes: { kind: 'queue' },
    emits: [
      { kind: 'bucket', bucket: 'receipts', prefix: 'derived/' },
      { kind: 'table', table: 'notes' },
      { kind: 'service', service: 'receipt-parser' },
    ],
    limits: { deadlineMs: 60_000, concurrency: 2, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    reads: [{ kind: 'bucket', bucket: 'receipts', prefix: 'derived/' }],
    // Two tesseract workers of up to 285 MB each, one per vCPU.
    task: { cpu: 2048, memoryMiB: 4096 },
    scaling: { maxTasks: 20, scaleToZero: false },
  },
  {
    name: 'receipt-parser',
    description: "Extracts merchant, date, totals and VAT lines from a receipt's text",
    critical: false,
    consumes: { kind: 'queue' },
    emits: [{ kind: 'table', table: 'notes' }],
    limits: { deadlineMs: 10_000, concurrency: 16, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    reads: [{ kind: 'bucket', bucket: 'receipts', prefix: 'derived/' }],
    scaling: { maxTasks: 10, scaleToZero: false },
  },
  {
    name: 'receipt-intake',
    description:
      'Records an uploaded receipt: SHA-256 of the original bytes, size, time, linked to its receipt item; never modifies the original',
    critical: true,
    consumes: { kind: 's3', bucket: 'receipts', prefix: 'tenants/' },
    emits: [{ kind: 'table', table: 'notes' }],
    limits: { deadlineMs: 30_000, concurrency: 16, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    scaling: { maxTasks: 10, scaleToZero: false },
  },
  {
    name: 'note-enricher',
    description:
      "Gathers what the receipts of a note say (fields the user left empty, a declared amount that differs from the receipts' total) into the note's state, never over what the user typed",
    critical: false,
    consumes: {
      kind: 'stream',
      table: 'notes',
      itemTypes: ['RECEIPT', 'NOTE'],
      events: ['INSERT', 'MODIFY'],
      where: { status: ['processed', 'received'] },
    },
    emits: [{ kind: 'table', table: 'notes' }],
    limits: { deadlineMs: 10_000, concurrency: 32, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    scaling: { maxTasks: 10, scaleToZero: true },
  },
  {
    name: 'reconciler',
    description:
      'Drives again what stopped short of a final state past its deadline (receipts awaiting an upload that is stored, stuck in a step), expires uploads never made, and flags for on-call what keeps failing',
    critical: false,
    consumes: { kind: 'schedule', everySeconds: 60, localEverySeconds: 10 },
    emits: [
      // A stuck receipt's state (its re-drive count; an uploaded one goes back to the sniffer through the stream), expiry, give-up.
      { kind: 'table', table: 'notes' },
      // An upload whose S3 event was lost, as S3 would have sent it.
      { kind: 'service', service: 'receipt-intake' },
      // The job a reading receipt waits on.
      { kind: 'service', service: 'image-normalizer' },
      { kind: 'service', service: 'pdf-inspector' },
      { kind: 'service', service: 'ocr' },
      { kind: 'service', service: 'receipt-parser' },
    ],
    reads: [
      { kind: 'index', table: 'notes', index: 'gsi1', partitions: ['RECONCILE#*'] },
      // Whether an upload awaited is stored after all.
      { kind: 'bucket', bucket: 'receipts', prefix: 'tenants/' },
      // A job is driven again only once the queue it would wait in holds nothing for anyone.
      { kind: 'backlog', service: 'receipt-intake' },
      { kind: 'backlog', service: 'format-sniffer' },
      { kind: 'backlog', service: 'image-normalizer' },
      { kind: 'backlog', service: 'pdf-inspector' },
      { kind: 'backlog', service: 'ocr' },
      { kind: 'backlog', service: 'receipt-parser' },
    ],
    // One tick at a time, by one task: two would only race for the same items (their writes are conditional anyway).
    limits: { deadlineMs: 30_000, concurrency: 1, maxAttempts: 3 },
    alarms: {
      maxMessageAgeSeconds: 180,
      quarantinedMessages: 1,
      heartbeatMissingSeconds: 10,
      pagingCounters: ['reconciler_gave_up', 'reconciler_redriven'],
    },
    scaling: { maxTasks: 1, scaleToZero: false },
  },
  {
    name: 'canary',
    description:
      'Every 10 s, as a synthetic tenant, creates a note, uploads a known receipt and checks that its fields come back, so that on-call hears of a broken chain before a user does',
    critical: false,
    // A tick a minute in the cloud (EventBridge's finest rate), each spread into runs every 10 s over its minute (see its README).
    consumes: { kind: 'schedule', everySeconds: 60, localEverySeconds: 10 },
    // Nothing through AWS: it calls the ingest API and the upload form as the mobile app does, with the synthetic tenant's token.
    emits: [{ kind: 'api', api: 'ingest-api' }],
    // A tick's runs last its period (60 s in the cloud), the last run up to one interval more.
    limits: { deadlineMs: 80_000, concurrency: 1, maxAttempts: 3 },
    alarms: { maxMessageAgeSeconds: 180, quarantinedMessages: 1, heartbeatMissingSeconds: 10, pagingCounters: ['canary_failed'] },
    scaling: { maxTasks: 1, scaleToZero: false },
  },
  {
    name: 'currency-converter',
    description:
      "Converts a note in a foreign currency to the tenant's currency (EUR) with the daily reference rate of its date, the rate, its date and any fallback to an earlier day kept",
    critical: false,
    consumes: {
      kind: 'stream',
      table: 'notes',
      itemTypes: ['NOTE', 'STAGE'],
      events: ['INSERT', 'MODIFY'],
      whereByType: {
        // Open notes only: an approved note's figures are frozen.
        NOTE: { status: ['received', 'submitted', 'awaiting_approval', 'needs_changes'] },
        // Its own stage, once a load of rates asks for it again (the day it awaited is loaded; see @ndf/rates-store).
        STAGE: { service: ['currency-converter'], recompute: ['rates-loaded'] },
      },
    },
    emits: [{ kind: 'table', table: 'notes' }],
    reads: [{ kind: 'table', table: 'reference' }],
    limits: { deadlineMs: 10_000, concurrency: 32, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    scaling: { maxTasks: 10, scaleToZero: true },
  },
  {
    name: 'rates-loader',
    description:
      'Loads the daily reference exchange rates from the configured source into the reference table, and has the conversions that waited on a day recomputed',
    critical: false,
    // Hourly in the cloud: the reference rates are published once a working day, around 16:00 CET.
    consumes: { kind: 'schedule', everySeconds: 3600, localEverySeconds: 10 },
    emits: [
      { kind: 'table', table: 'reference' },
      // The stages of conversions that awaited a loaded day, marked to be recomputed.
      { kind: 'table', table: 'notes' },
    ],
    reads: [{ kind: 'index', table: 'notes', index: 'gsi1', partitions: ['RATES-AWAITED'] }],
    // One tick at a time: a load is idempotent, two would only write the same days.
    limits: { deadlineMs: 60_000, concurrency: 1, maxAttempts: 3 },
    alarms: { maxMessageAgeSeconds: 7200, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    scaling: { maxTasks: 1, scaleToZero: false },
  },
  // new services are added above this line by `pnpm new:service`
] as const satisfies readonly ServiceEntry[];
