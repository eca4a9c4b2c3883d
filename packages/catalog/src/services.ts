import type { ServiceEntry } from './types.js';

/**
 * What the checks of a note (VAT, currency, merchant, category, duplicates, policy, mileage)
 * share: each reads a note's changes from the stream and writes its stage about the note, off
 * the critical path. An entry spreads it first, then states what it needs otherwise.
 */
const NOTE_CHECK = {
  critical: false,
  limits: { deadlineMs: 10_000, concurrency: 32, maxAttempts: 5 },
  alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
  scaling: { maxTasks: 10, scaleToZero: true },
} as const satisfies Pick<ServiceEntry, 'critical' | 'limits' | 'alarms' | 'scaling'>;

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
    // PaddleOCR reads one page at a time on both vCPUs in up to 2 GB (tesseract.js: two workers of up to 285 MB).
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
    name: 'audit-trail',
    description:
      'Keeps every change of every note and receipt, who and when, append-only, readable per note: the base for the legal retention and for disputes',
    critical: false,
    consumes: { kind: 'stream', table: 'notes', itemTypes: ['NOTE', 'RECEIPT', 'HISTORY'], events: ['INSERT', 'MODIFY', 'REMOVE'] },
    emits: [{ kind: 'bucket', bucket: 'audit', prefix: 'tenants/' }],
    limits: { deadlineMs: 10_000, concurrency: 32, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    reads: [{ kind: 'bucket', bucket: 'audit', prefix: 'tenants/' }],
    scaling: { maxTasks: 10, scaleToZero: false },
  },
  {
    ...NOTE_CHECK,
    name: 'vat-calculator',
    description:
      "Computes a note's French VAT (total excluding VAT, VAT per rate, recoverable and non-recoverable VAT, and the rule applied) from its confirmed VAT lines or its receipts, and records it as the note's stage",
    consumes: {
      kind: 'stream',
      table: 'notes',
      itemTypes: ['NOTE', 'RECEIPT'],
      events: ['INSERT', 'MODIFY'],
      whereByType: {
        // The open statuses of @ndf/contracts: a note no longer open keeps the VAT it was approved with.
        NOTE: { status: ['received', 'submitted', 'awaiting_approval', 'needs_changes'] },
        // Read, or never to be read: a note waiting for a receipt is settled either way.
        RECEIPT: { status: ['processed', 'refused', 'expired'] },
      },
    },
    // Its stage about the note.
    emits: [{ kind: 'table', table: 'notes' }],
  },
  {
    ...NOTE_CHECK,
    name: 'policy-checker',
    description:
      "Checks a note against its tenant's expense policy (caps per expense, per day and per diem with the capped part and the refused rest, receipt above an amount, age, weekends, alcohol, meal attendees, project), each violation a warning or a block, on every change of an open note",
    consumes: {
      kind: 'stream',
      table: 'notes',
      itemTypes: ['NOTE', 'RECEIPT', 'STAGE'],
      events: ['INSERT', 'MODIFY'],
      whereByType: {
        // The open statuses (@ndf/contracts' OPEN_STATUSES): a note approved or beyond is never checked again.
        NOTE: { status: ['received', 'submitted', 'awaiting_approval', 'needs_changes'] },
        // A receipt read: the note has its receipt (the receipt-required rule).
        RECEIPT: { status: ['processed'] },
        // A foreign note's amount in the policy's currency.
        STAGE: { service: ['currency-converter'] },
      },
    },
    // Its stage about the note (STAGE#policy-checker); it reads the tenant's settings (T#<tenant>#SETTINGS)
    // and the owner's notes of the day through the listing index (gsi1, tenant partitions) of the same table.
    emits: [{ kind: 'table', table: 'notes' }],
  },
  {
    ...NOTE_CHECK,
    name: 'merchant-normalizer',
    description:
      "Normalises a note's merchant name to its canonical merchant (SNCF VOYAGEURS, sncf.com: SNCF), from the name the user typed or else the one its receipts print, and says which; never changes what the user typed",
    consumes: {
      kind: 'stream',
      table: 'notes',
      itemTypes: ['NOTE', 'RECEIPT'],
      events: ['INSERT', 'MODIFY'],
      whereByType: {
        // The open statuses (@ndf/contracts' OPEN_STATUSES): a note no longer open is never recomputed.
        NOTE: { status: ['received', 'submitted', 'awaiting_approval', 'needs_changes'] },
        // Every final status, so that a note waiting on a receipt that will print nothing learns it.
        RECEIPT: { status: ['processed', 'refused', 'failed', 'expired'] },
      },
    },
    emits: [{ kind: 'table', table: 'notes' }],
  },
  {
    ...NOTE_CHECK,
    name: 'categorizer',
    description:
      "Proposes a note's category, with its confidence and reason, from its normalised merchant, its receipts' words and the categories the tenant's employees chose for that merchant before; learns those choices, each note counted once",
    consumes: {
      kind: 'stream',
      table: 'notes',
      itemTypes: ['NOTE', 'RECEIPT', 'STAGE'],
      events: ['INSERT', 'MODIFY'],
      whereByType: {
        NOTE: { status: ['received', 'submitted', 'awaiting_approval', 'needs_changes'] },
        RECEIPT: { status: ['processed'] },
        // The merchant it proposes for, as normalised.
        STAGE: { service: ['merchant-normalizer'] },
      },
    },
    // Its stage, and the tenant's category history (T#<tenant>#CATEGORY_HISTORY).
    emits: [{ kind: 'table', table: 'notes' }],
    // The receipts' texts, for their words.
    reads: [{ kind: 'bucket', bucket: 'receipts', prefix: 'derived/' }],
  },
  {
    ...NOTE_CHECK,
    name: 'duplicate-detector',
    description:
      'Flags a note that duplicates another of its tenant (the same receipt file, a near-identical receipt image, or the same amount, date and merchant for the same employee), naming the other note and the signal',
    consumes: {
      kind: 'stream',
      table: 'notes',
      itemTypes: ['NOTE', 'RECEIPT'],
      events: ['INSERT', 'MODIFY'],
      whereByType: {
        // The open statuses (a note's figures may still change), and a deleted draft: the notes it was flagged with are told.
        NOTE: { status: ['received', 'submitted', 'awaiting_approval', 'needs_changes', 'deleted'] },
        RECEIPT: { status: ['processed'] },
      },
    },
    // Its stages, and its index of the tenant's receipt fingerprints (the file's SHA-256, the image hash's bands).
    emits: [{ kind: 'table', table: 'notes' }],
    // The receipt's page image, of which it takes the perceptual hash once.
    reads: [{ kind: 'bucket', bucket: 'receipts', prefix: 'derived/' }],
    limits: { ...NOTE_CHECK.limits, deadlineMs: 15_000, concurrency: 8 },
    // Decoding a page image for its hash takes the CPU for tens of milliseconds: a process of its own locally.
    task: { cpu: 512, memoryMiB: 1024 },
  },
  {
    ...NOTE_CHECK,
    name: 'mileage-calculator',
    description:
      "Computes each mileage note's allowance from the yearly scale and the employee's cumulative kilometres in the year, recomputing the whole year on every change, with what to pay or recover for notes already approved or paid",
    consumes: {
      kind: 'stream',
      table: 'notes',
      itemTypes: ['NOTE'],
      events: ['INSERT', 'MODIFY'],
      // Open notes (contracts' OPEN_STATUSES) are computed; a rejected or deleted one leaves its year, computed again without it.
      where: { status: ['received', 'submitted', 'awaiting_approval', 'needs_changes', 'rejected', 'deleted'] },
    },
    // Each open note's stage, and each employee's year (MILEAGE_YEAR items: what to pay or recover), read through the owner listing (gsi1);
    // a year with a difference due is also put in the batcher's index (gsi1 MILEAGE_DUE#<shard>), and out of it once nothing is.
    emits: [{ kind: 'table', table: 'notes' }],
    // A year is a few hundred notes: a handful of queries and batch reads, and a write per figure that moved.
    limits: { ...NOTE_CHECK.limits, deadlineMs: 20_000, concurrency: 16 },
  },
  {
    ...NOTE_CHECK,
    name: 'currency-converter',
    description:
      "Converts a note in a foreign currency to the tenant's currency (EUR) with the daily reference rate of its date, the rate, its date and any fallback to an earlier day kept",
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
  {
    name: 'approval-workflow',
    description:
      "Routes a submitted note once its checks are in (back to its owner on a blocking violation, else to its approval levels) and keeps the approvers' queues (APPROVAL items) in step with each decision",
    critical: false,
    consumes: {
      kind: 'stream',
      table: 'notes',
      itemTypes: ['NOTE', 'STAGE', 'HISTORY'],
      events: ['INSERT', 'MODIFY'],
      whereByType: {
        // A note submitted: routed once its checks are in.
        NOTE: { status: ['submitted'] },
        // The checks routing waits for (the service's AWAITED_CHECKS): the last one in routes the note.
        STAGE: { service: ['policy-checker', 'vat-calculator', 'currency-converter', 'mileage-calculator'] },
        // The decisions that move or empty the approvers' queues (its own routing keeps them itself).
        HISTORY: { action: ['approve', 'reject', 'ask_changes', 'withdraw'] },
      },
    },
    // The note's route transition and its stage (STAGE#approval-workflow), the APPROVAL items (gsi1: the
    // approvers' queues) and the note's APPROVAL_DUE item (gsi1: APPROVALS_DUE#<shard>); it reads the tenant's settings.
    emits: [{ kind: 'table', table: 'notes' }],
    limits: { deadlineMs: 10_000, concurrency: 32, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    scaling: { maxTasks: 10, scaleToZero: true },
  },
  {
    name: 'approval-reminders',
    description:
      "Reminds the approvers of notes waiting past the tenant's reminder days, and escalates those waiting past its escalation days to the next level's approvers or the tenant's admins",
    critical: false,
    // Every 15 minutes in the cloud: reminders are counted in days.
    consumes: { kind: 'schedule', everySeconds: 900, localEverySeconds: 10 },
    // The APPROVAL items it reminds (remindedAt) or adds (escalation), and the APPROVAL_DUE items it moves on.
    emits: [{ kind: 'table', table: 'notes' }],
    reads: [{ kind: 'index', table: 'notes', index: 'gsi1', partitions: ['APPROVALS_DUE#*'] }],
    // One tick at a time: two would remind the same approvers (each reminder is recorded once per period anyway).
    limits: { deadlineMs: 60_000, concurrency: 1, maxAttempts: 3 },
    alarms: { maxMessageAgeSeconds: 1800, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    scaling: { maxTasks: 1, scaleToZero: false },
  },
  {
    name: 'reimbursement-batcher',
    description:
      "Gathers each tenant's approved notes into a reimbursement batch per employee, mileage differences paid or recovered, cash advances deducted, writes its SEPA credit transfer file (pain.001.001.03, checked against its XSD) to the exports bucket and moves each note to batched; a batch is paid once, even when the service stops in the middle",
    critical: false,
    // Hourly in the cloud: a tenant's batch day is a day of the month, the tick catches it within the hour.
    consumes: { kind: 'schedule', everySeconds: 3600, localEverySeconds: 30 },
    emits: [
      // The BATCH items, the tenant's batch control, advances taken, the regularisation of each mileage year it pays or
      // recovers on (MILEAGE_YEAR, out of gsi1 MILEAGE_DUE#<shard> once settled), and each note moved to batched (its PAYABLE item removed).
      { kind: 'table', table: 'notes' },
      { kind: 'bucket', bucket: 'exports', prefix: 'tenants/' },
    ],
    reads: [
      // The notes to pay, the mileage years with a difference due and the batches left open, across tenants: sparse partitions of gsi1, never a scan.
      { kind: 'index', table: 'notes', index: 'gsi1', partitions: ['PAYABLE#*', 'MILEAGE_DUE#*', 'BATCH_OPEN'] },
      { kind: 'table', table: 'notes' },
    ],
    // One tick at a time, by one task: a second would only wait on the tenant's open batch (its writes are conditional anyway).
    limits: { deadlineMs: 300_000, concurrency: 1, maxAttempts: 3 },
    alarms: {
      maxMessageAgeSeconds: 7200,
      quarantinedMessages: 1,
      heartbeatMissingSeconds: 10,
      pagingCounters: ['reimbursement_batch_refused'],
    },
    scaling: { maxTasks: 1, scaleToZero: false },
  },
  {
    name: 'retention-keeper',
    description:
      "Keeps what accounting law requires and nothing more: pseudonymises a departed employee's personal data on request, keeps what a legal hold names untouched, deletes originals past their legal retention, and seals a daily chained index of every original",
    critical: false,
    // Erasures are rare and not urgent, and must survive a stop mid-way: each tick drives them on
    // from where their request item says they stand, and reads the holds again before changing anything.
    consumes: { kind: 'schedule', everySeconds: 300, localEverySeconds: 10 },
    emits: [
      // Erased notes, receipts, workflow steps and approvals; erasure progress; expired originals' index entries.
      { kind: 'table', table: 'notes' },
      // The daily manifests of originals, in the locked bucket.
      { kind: 'bucket', bucket: 'audit', prefix: 'index/' },
      // Originals past their legal retention, not held, once their lock allows.
      { kind: 'expiry', bucket: 'receipts', prefix: 'tenants/' },
    ],
    reads: [
      // The erasures to drive, and each month's originals (the daily seal, expiry).
      { kind: 'index', table: 'notes', index: 'gsi1', partitions: ['RETENTION#*', 'ORIGINALS#*'] },
      // The day before's manifest, which the next one chains to.
      { kind: 'bucket', bucket: 'audit', prefix: 'index/' },
    ],
    // One tick at a time, by one task: two would only race on the same requests and days.
    limits: { deadlineMs: 60_000, concurrency: 1, maxAttempts: 3 },
    alarms: {
      maxMessageAgeSeconds: 900,
      quarantinedMessages: 1,
      heartbeatMissingSeconds: 10,
      // An erasure that fails is tried again each tick, holding back no other: someone must hear of it.
      pagingCounters: ['retention_erasure_failed'],
    },
    scaling: { maxTasks: 1, scaleToZero: false },
  },
  {
    name: 'card-matcher',
    description:
      'Matches each company-card payment of an imported statement with its expense note (amount, holder, date, merchant), records it on both so that a card-paid note is not reimbursed, and takes a payment settled by a note with a receipt out of the overdue list',
    critical: false,
    consumes: {
      kind: 'stream',
      table: 'notes',
      itemTypes: ['NOTE', 'RECEIPT', 'CARD_TXN'],
      events: ['INSERT', 'MODIFY'],
      whereByType: {
        // The open statuses and approved: a note approved before its statement came is still the payment's note.
        NOTE: { status: ['received', 'submitted', 'awaiting_approval', 'needs_changes', 'approved'] },
        // A receipt read: the note's payment is settled, out of the overdue list.
        RECEIPT: { status: ['processed'] },
        // A payment imported, not yet matched (never its own match write).
        CARD_TXN: { matchState: ['unmatched'] },
      },
    },
    // The payment's match (CARD_TXN), the note's claim on it (CARD_MATCH) and its stage; it reads the tenant's
    // CARDS settings, the holder's notes around a date (the owner listing, gsi1) and the tenant's unsettled payments (gsi1).
    emits: [{ kind: 'table', table: 'notes' }],
    limits: { deadlineMs: 10_000, concurrency: 32, maxAttempts: 5 },
    alarms: { maxMessageAgeSeconds: 120, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    scaling: { maxTasks: 10, scaleToZero: true },
  },
  {
    name: 'card-reminder',
    description:
      "Each tick, flags the company-card payments still without a note with a receipt past the tenant's reminder delay and reminds each holder once",
    critical: false,
    // Reminders count in days: a tick an hour in the cloud is soon enough, and a minute on the laptop.
    consumes: { kind: 'schedule', everySeconds: 3_600, localEverySeconds: 60 },
    // Each payment's remindedAt, once.
    emits: [{ kind: 'table', table: 'notes' }],
    // The tenants with card payments (gsi1 CARD_TENANTS); each one's unsettled payments (gsi1, tenant partitions) and CARDS settings.
    reads: [{ kind: 'index', table: 'notes', index: 'gsi1', partitions: ['CARD_TENANTS'] }],
    limits: { deadlineMs: 60_000, concurrency: 1, maxAttempts: 3 },
    alarms: { maxMessageAgeSeconds: 7_200, quarantinedMessages: 1, heartbeatMissingSeconds: 10 },
    scaling: { maxTasks: 1, scaleToZero: false },
  },
  // new services are added above this line by `pnpm new:service`
] as const satisfies readonly ServiceEntry[];
