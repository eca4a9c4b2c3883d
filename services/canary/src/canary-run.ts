import { randomUUID } from 'node:crypto';
import { errorText } from '@ndf/core';
import type { NoteDetail, ReceiptStatus, ReceiptUpload, ReceiptView } from '@ndf/contracts';
import { wait } from '@ndf/runtime';
import type { CanarySettings } from './config.js';
import { fieldMismatches } from './field-check.js';
import type { IngestClient } from './ingest-client.js';
import type { KnownReceipt } from './known-receipt.js';
import { CanaryStepFailure, type CanaryStep } from './step-failure.js';
import type { TokenSource } from './token-source.js';
import { uploadWithForm } from './upload-form.js';

export interface CanaryRunDependencies {
  readonly tokens: TokenSource;
  readonly api: IngestClient;
  readonly receipt: KnownReceipt;
  readonly settings: CanarySettings;
  readonly now: () => number;
}

/** What one run did: each step's time, and the first failure if any. */
export interface CanaryRunReport {
  readonly correlationId: string;
  readonly noteId?: string;
  readonly receiptId?: string;
  readonly latencies: Partial<Record<CanaryStep, number>>;
  readonly totalMs: number;
  readonly failure?: CanaryStepFailure;
}

const FINAL: readonly ReceiptStatus[] = ['processed', 'refused', 'failed', 'expired'];
const POLL_EVERY_MS = 200;

/**
 * One run, as an employee of the synthetic tenant: a note, a receipt asked for with it and
 * uploaded with its form, its fields read back within the deadline and checked, then the note
 * deleted (the API keeps the receipt's original, as it keeps every original). Stops at the first
 * failure; the clean-up runs whatever happened once the note exists.
 */
export async function runCanary(dependencies: CanaryRunDependencies, signal: AbortSignal): Promise<CanaryRunReport> {
  const { api, receipt, settings, now } = dependencies;
  const runId = randomUUID();
  const correlationId = `canary-${runId}`;
  const latencies: Partial<Record<CanaryStep, number>> = {};
  const startedAt = now();
  const timed = async <T>(step: CanaryStep, work: () => Promise<T>): Promise<T> => {
    const stepStartedAt = now();
    try {
      return await work();
    } catch (error) {
      throw error instanceof CanaryStepFailure ? error : new CanaryStepFailure(step, errorText(error), undefined, correlationId);
    } finally {
      latencies[step] = now() - stepStartedAt;
    }
  };
  let token = '';
  let noteId: string | undefined;
  let receiptId: string | undefined;
  let failure: CanaryStepFailure | undefined;
  try {
    token = await timed('token', () =>
      dependencies.tokens.token(AbortSignal.any([signal, AbortSignal.timeout(settings.requestTimeoutMs)])),
    );
    const note = await timed('create-note', () =>
      api.call<NoteDetail>(
        {
          step: 'create-note',
          method: 'POST',
          path: '/notes',
          token,
          body: receipt.note,
          headers: { 'idempotency-key': runId },
          expect: [200, 201],
        },
        correlationId,
        signal,
      ),
    );
    noteId = note.body.id;
    const asked = await timed('ask-upload', () =>
      api.call<ReceiptUpload>(
        {
          step: 'ask-upload',
          method: 'POST',
          path: '/receipts',
          token,
          body: { fileName: receipt.fileName, contentType: receipt.contentType, size: receipt.bytes.length, noteId },
          headers: { 'idempotency-key': runId },
          expect: [200, 201],
        },
        correlationId,
        signal,
      ),
    );
    receiptId = asked.body.receiptId;
    await timed('upload', () => uploadWithForm(asked.body, receipt, { correlationId, timeoutMs: settings.requestTimeoutMs, signal }));
    const read = await timed('fields', () =>
      fieldsBack(dependencies, { token, noteId: noteId!, receiptId: receiptId!, correlationId }, signal),
    );
    await timed('check', async () => {
      const wrong = fieldMismatches(receipt.expected, read);
      if (wrong.length > 0)
        throw new CanaryStepFailure('check', `The receipt's fields are not what it shows: ${wrong.join('; ')}`, undefined, correlationId);
    });
  } catch (error) {
    // Every step's error is a CanaryStepFailure (see timed).
    failure = error as CanaryStepFailure;
  }
  if (noteId !== undefined) {
    const cleanUp = timed('clean-up', () =>
      api.call(
        { step: 'clean-up', method: 'DELETE', path: `/notes/${noteId}`, token, expect: [204] },
        correlationId,
        AbortSignal.timeout(settings.requestTimeoutMs),
      ),
    );
    // Awaited whatever failed before: a clean-up's rejection left unhandled would end the process that hosts the canary.
    const cleanUpFailure = await cleanUp.then(
      () => undefined,
      (error: unknown) => error as CanaryStepFailure,
    );
    failure ??= cleanUpFailure;
  }
  return {
    correlationId,
    ...(noteId === undefined ? {} : { noteId }),
    ...(receiptId === undefined ? {} : { receiptId }),
    latencies,
    totalMs: now() - startedAt,
    ...(failure === undefined ? {} : { failure }),
  };
}

/** The receipt once the chain has read it; a failure when it ends otherwise or is not back within the deadline. */
async function fieldsBack(
  { api, settings, now }: CanaryRunDependencies,
  run: { token: string; noteId: string; receiptId: string; correlationId: string },
  signal: AbortSignal,
): Promise<ReceiptView> {
  const deadline = now() + settings.fieldsDeadlineMs;
  let seen: ReceiptView | undefined;
  for (;;) {
    const detail = await api.call<NoteDetail>(
      { step: 'fields', method: 'GET', path: `/notes/${run.noteId}`, token: run.token, expect: [200] },
      run.correlationId,
      signal,
    );
    seen = detail.body.receipts.find((receipt) => receipt.id === run.receiptId);
    if (seen?.status === 'processed') return seen;
    if (seen && FINAL.includes(seen.status)) {
      const why = seen.refusal ? `: ${seen.refusal.code} (${seen.refusal.reason})` : '';
      throw new CanaryStepFailure('fields', `The receipt ended ${seen.status}${why}.`, undefined, run.correlationId);
    }
    if (now() + POLL_EVERY_MS > deadline) break;
    await wait(POLL_EVERY_MS, signal);
  }
  const stages = seen?.stages.map((stage) => `${stage.service}:${stage.status}`).join(', ') || 'none';
  throw new CanaryStepFailure(
    'fields',
    `The receipt's fields were not back ${settings.fieldsDeadlineMs / 1000} s after its upload (status ${seen?.status ?? 'unknown'}, stages ${stages}).`,
    undefined,
    run.correlationId,
  );
}
